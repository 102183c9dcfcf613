// erf: elementwise Gauss error function (Cody's rational approximations, float64-accurate).

import { unaryKernel } from './util/elementwise.js';
import { erf as erfScalar } from './util/erf.js';

export const erf = unaryKernel((x, out) => {
  for (let i = 0; i < out.length; i++) out[i] = erfScalar(x[i]);
});
