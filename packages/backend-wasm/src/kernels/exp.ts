// exp: elementwise e^x in SIMD float32 (assembly/math.ts: Cody-Waite reduction and a degree-5 polynomial,
// within 1 ulp; overflow to Infinity, subnormal results, NaN kept).

import { unaryKernel } from './util/elementwise.js';
import { Unary } from './util/ops.js';

export const exp = unaryKernel(Unary.exp);
