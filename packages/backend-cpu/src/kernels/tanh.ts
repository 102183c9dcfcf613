// tanh: elementwise hyperbolic tangent.

import { unaryKernel } from './util/elementwise.js';

export const tanh = unaryKernel((x, out) => {
  for (let i = 0; i < out.length; i++) out[i] = Math.tanh(x[i]);
});
