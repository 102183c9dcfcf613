// erf: elementwise the error function (Cody's rational approximations in float64).

import { unaryKernel } from './util/elementwise.js';
import { Unary } from './util/ops.js';

export const erf = unaryKernel(Unary.erf);
