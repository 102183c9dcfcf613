// log: elementwise natural logarithm.

import { unaryKernel } from './util/elementwise.js';

export const log = unaryKernel((x, out) => {
  for (let i = 0; i < out.length; i++) out[i] = Math.log(x[i]);
});
