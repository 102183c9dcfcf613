// neg: elementwise -x (override); float32 and int32.

import { unaryKernel } from './util/elementwise.js';
import { Unary } from './util/ops.js';

export const neg = unaryKernel(Unary.neg);
