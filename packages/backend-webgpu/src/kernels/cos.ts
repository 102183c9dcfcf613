// cos: elementwise cosine, accurate in float32 (Cody-Waite reduction and Cephes' polynomials in WGSL, not
// the builtin, whose error WGSL bounds only absolutely: SwiftShader's is about 2e-4 off).

import { elementwiseKernel, unaryOp } from './util/elementwise.js';
import { TRIG_WGSL } from './util/math.js';

export const cosOp = unaryOp('cos', 'cos_(a)', TRIG_WGSL);
export const cos = elementwiseKernel(cosOp);
