// tanh: hyperbolic tangent, saturated to +-1 beyond |x| = 9 (where tanh rounds to 1 in float32); NaN stays
// NaN (llvmpipe's builtin gives -1).

import { unaryKernel } from './util/elementwise.js';

export const tanh = unaryKernel('tanh', 'select(select(tanh(a), sign(a), abs(a) > 9.0), a, is_nan(a))');
