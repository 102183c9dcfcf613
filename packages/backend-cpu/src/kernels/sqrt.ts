// sqrt: elementwise square root.

import { unaryKernel } from './util/elementwise.js';

export const sqrt = unaryKernel((x, out) => {
  for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(x[i]);
});
