// pow: broadcasting a ** b with Math.pow semantics; int32 powers wrap like repeated 32-bit multiplication.

import { binaryKernel } from './util/elementwise.js';
import { intPow } from './util/program.js';

export const pow = binaryKernel(
  (out, o, a, ai, as, b, bi, bs, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) out[o + i] = a[ai] ** b[bi];
  },
  (out, o, a, ai, as, b, bi, bs, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) out[o + i] = intPow(a[ai], b[bi]);
  },
);
