// minimum: elementwise min with broadcasting (override); NaN propagates.

import { elementwiseKernel } from './util/elementwise.js';
import { MINMAX_WGSL } from './util/math.js';

export const minimum = elementwiseKernel({
  name: 'minimum',
  expr: ([t]) => (t === 'f32' ? 'min_nan(a, b)' : 'min(a, b)'),
  prelude: () => MINMAX_WGSL,
});
