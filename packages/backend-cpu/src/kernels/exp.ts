// exp: elementwise e^x.

import { unaryKernel } from './util/elementwise.js';

export const exp = unaryKernel((x, out) => {
  for (let i = 0; i < out.length; i++) out[i] = Math.exp(x[i]);
});
