// where: broadcasting cond ? a : b, cond stored as 0/1 bytes.

import { ternaryKernel } from './util/elementwise.js';

export const where = ternaryKernel((out, o, c, ci, cs, a, ai, as, b, bi, bs, n) => {
  for (let i = 0; i < n; i++, ci += cs, ai += as, bi += bs) out[o + i] = c[ci] !== 0 ? a[ai] : b[bi];
});
