// tanh: hyperbolic tangent with relative accuracy near 0 (an odd polynomial there, not the builtin, which
// cancels), saturated to +-1 beyond |x| = 9 (where tanh rounds to 1 in float32); NaN stays NaN (llvmpipe's
// builtin gives -1).

import { elementwiseKernel, unaryOp } from './util/elementwise.js';
import { TANH_WGSL } from './util/math.js';

export const tanhOp = unaryOp('tanh', 'tanh_(a)', TANH_WGSL);
export const tanh = elementwiseKernel(tanhOp);
