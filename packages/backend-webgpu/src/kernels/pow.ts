// pow: a ** b with broadcasting: JavaScript's special cases for float32, wrapping square-and-multiply for int32.

import { elementwiseKernel } from './util/elementwise.js';
import { POW_WGSL } from './util/math.js';

export const pow = elementwiseKernel({
  name: 'pow',
  expr: ([t]) => (t === 'f32' ? 'pow_f(a, b)' : 'pow_i(a, b)'),
  prelude: () => POW_WGSL,
});
