// equal: broadcasting a == b as bool; NaN equals nothing.

import { binaryKernel } from './util/elementwise.js';

export const equal = binaryKernel((out, o, a, ai, as, b, bi, bs, n) => {
  for (let i = 0; i < n; i++, ai += as, bi += bs) out[o + i] = a[ai] === b[bi] ? 1 : 0;
});
