// log: elementwise natural logarithm, float64 math rounded once.

import { unaryKernel } from './util/elementwise.js';
import { Unary } from './util/ops.js';

export const log = unaryKernel(Unary.log);
