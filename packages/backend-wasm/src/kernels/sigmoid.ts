// sigmoid: elementwise 1 / (1 + e^-x) (override), stable for either sign, SIMD float32 (assembly/math.ts).

import { unaryKernel } from './util/elementwise.js';
import { Unary } from './util/ops.js';

export const sigmoid = unaryKernel(Unary.sigmoid);
