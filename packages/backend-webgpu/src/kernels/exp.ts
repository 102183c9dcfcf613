// exp: elementwise e^x; NaN stays NaN (tested on the bits: WGSL leaves exp(NaN) to the implementation,
// and SwiftShader gives +Inf).

import { elementwiseKernel, unaryOp } from './util/elementwise.js';
import { EXP_WGSL } from './util/math.js';

export const expOp = unaryOp('exp', 'exp_(a)', EXP_WGSL);
export const exp = elementwiseKernel(expOp);
