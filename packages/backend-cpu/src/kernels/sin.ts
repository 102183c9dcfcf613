// sin: elementwise sine.

import { unaryKernel } from './util/elementwise.js';

export const sin = unaryKernel((x, out) => {
  for (let i = 0; i < out.length; i++) out[i] = Math.sin(x[i]);
});
