// sub: broadcasting a - b (override; int32 wraps through Int32Array storage).

import { binaryKernel } from './util/elementwise.js';

export const sub = binaryKernel((out, o, a, ai, as, b, bi, bs, n) => {
  for (let i = 0; i < n; i++, ai += as, bi += bs) out[o + i] = a[ai] - b[bi];
});
