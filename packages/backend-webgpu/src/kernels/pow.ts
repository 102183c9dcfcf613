// pow: a ** b with broadcasting: JavaScript's special cases for float32, wrapping square-and-multiply for int32.

import { type ElementwiseOp, elementwiseKernel } from './util/elementwise.js';
import { POW_WGSL } from './util/math.js';

export const powOp: ElementwiseOp = {
  name: 'pow',
  expr: ([t]) => (t === 'f32' ? 'pow_f(a, b)' : 'pow_i(a, b)'),
  prelude: () => POW_WGSL,
};
export const pow = elementwiseKernel(powOp);
