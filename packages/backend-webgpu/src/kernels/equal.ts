// equal: a == b with broadcasting, bool output; NaN compares false.

import { type ElementwiseOp, elementwiseKernel } from './util/elementwise.js';

export const equalOp: ElementwiseOp = {
  name: 'equal',
  expr: ([t]) =>
    t === 'f32' ? 'select(0u, 1u, a == b && !is_nan(a) && !is_nan(b))' : 'select(0u, 1u, a == b)',
};
export const equal = elementwiseKernel(equalOp);
