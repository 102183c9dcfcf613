// exp: elementwise e^x, float64 math rounded once.

import { unaryKernel } from './util/elementwise.js';
import { Unary } from './util/ops.js';

export const exp = unaryKernel(Unary.exp);
