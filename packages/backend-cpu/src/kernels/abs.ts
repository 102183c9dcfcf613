// abs: elementwise |x| (float and int32; int32 -2^31 wraps to itself as in NumPy).

import { unaryKernel } from './util/elementwise.js';

export const abs = unaryKernel((x, out) => {
  for (let i = 0; i < out.length; i++) out[i] = Math.abs(x[i]);
});
