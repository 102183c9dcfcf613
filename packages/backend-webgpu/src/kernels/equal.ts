// equal: a == b with broadcasting, bool output; NaN compares false.

import { elementwiseKernel } from './util/elementwise.js';

export const equal = elementwiseKernel({
  name: 'equal',
  expr: ([t]) =>
    t === 'f32' ? 'select(0u, 1u, a == b && !is_nan(a) && !is_nan(b))' : 'select(0u, 1u, a == b)',
});
