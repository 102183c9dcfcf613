// erf: the error function (Cody's rational approximations in float32).

import { unaryKernel } from './util/elementwise.js';
import { ERF_WGSL } from './util/math.js';

export const erf = unaryKernel('erf', 'erf_(a)', ERF_WGSL);
