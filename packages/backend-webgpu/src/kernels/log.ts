// log: natural log with relative accuracy (fdlibm's logf in WGSL, not the builtin, whose error WGSL bounds
// only absolutely near 1); log(0) = -Inf, negative or NaN input gives NaN (not left to the driver).

import { elementwiseKernel, unaryOp } from './util/elementwise.js';
import { LOG_WGSL } from './util/math.js';

export const logOp = unaryOp('log', 'log_(a)', LOG_WGSL);
export const log = elementwiseKernel(logOp);
