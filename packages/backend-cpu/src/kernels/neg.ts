// neg: elementwise -x (override; int32 wraps).

import { unaryKernel } from './util/elementwise.js';

export const neg = unaryKernel((x, out) => {
  for (let i = 0; i < out.length; i++) out[i] = -x[i];
});
