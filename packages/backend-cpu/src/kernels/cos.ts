// cos: elementwise cosine.

import { unaryKernel } from './util/elementwise.js';

export const cos = unaryKernel((x, out) => {
  for (let i = 0; i < out.length; i++) out[i] = Math.cos(x[i]);
});
