// tanh: elementwise hyperbolic tangent in SIMD float32 (assembly/math.ts: through expm1, within 3 ulp).

import { unaryKernel } from './util/elementwise.js';
import { Unary } from './util/ops.js';

export const tanh = unaryKernel(Unary.tanh);
