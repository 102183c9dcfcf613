// sqrt: square root; negative gives NaN.

import { elementwiseKernel, unaryOp } from './util/elementwise.js';

export const sqrtOp = unaryOp('sqrt', 'select(sqrt(a), nan(), a < 0.0 || is_nan(a))');
export const sqrt = elementwiseKernel(sqrtOp);
