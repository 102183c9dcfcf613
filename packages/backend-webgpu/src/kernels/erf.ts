// erf: the error function (Cody's rational approximations in float32).

import { elementwiseKernel, unaryOp } from './util/elementwise.js';
import { ERF_WGSL } from './util/math.js';

export const erfOp = unaryOp('erf', 'erf_(a)', ERF_WGSL);
export const erf = elementwiseKernel(erfOp);
