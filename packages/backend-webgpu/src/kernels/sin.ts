// sin: elementwise sine, accurate in float32 (Cody-Waite reduction and Cephes' polynomials in WGSL, not
// the builtin, whose error WGSL bounds only absolutely: SwiftShader's is about 2e-4 off).

import { elementwiseKernel, unaryOp } from './util/elementwise.js';
import { TRIG_WGSL } from './util/math.js';

export const sinOp = unaryOp('sin', 'sin_(a)', TRIG_WGSL);
export const sin = elementwiseKernel(sinOp);
