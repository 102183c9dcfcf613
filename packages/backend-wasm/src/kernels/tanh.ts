// tanh: elementwise hyperbolic tangent, float64 math rounded once.

import { unaryKernel } from './util/elementwise.js';
import { Unary } from './util/ops.js';

export const tanh = unaryKernel(Unary.tanh);
