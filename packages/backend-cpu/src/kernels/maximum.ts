// maximum: broadcasting max(a, b); NaN on either side gives NaN.

import { binaryKernel } from './util/elementwise.js';

export const maximum = binaryKernel((out, o, a, ai, as, b, bi, bs, n) => {
  for (let i = 0; i < n; i++, ai += as, bi += bs) out[o + i] = Math.max(a[ai], b[bi]);
});
