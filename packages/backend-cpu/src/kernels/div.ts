// div: broadcasting a / b (float only; core never sends int32 div).

import { binaryKernel } from './util/elementwise.js';

export const div = binaryKernel((out, o, a, ai, as, b, bi, bs, n) => {
  for (let i = 0; i < n; i++, ai += as, bi += bs) out[o + i] = a[ai] / b[bi];
});
