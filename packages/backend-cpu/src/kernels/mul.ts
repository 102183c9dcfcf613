// mul: broadcasting a * b; int32 uses Math.imul so products wrap exactly like 32-bit integers.

import { binaryKernel } from './util/elementwise.js';

export const mul = binaryKernel(
  (out, o, a, ai, as, b, bi, bs, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) out[o + i] = a[ai] * b[bi];
  },
  (out, o, a, ai, as, b, bi, bs, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) out[o + i] = Math.imul(a[ai], b[bi]);
  },
);
