// pow: broadcasting a ** b with Math.pow semantics; int32 powers wrap like repeated 32-bit multiplication.

import { binaryKernel } from './util/elementwise.js';

/** base^exponent in wrapping int32 arithmetic (square and multiply); negative exponents truncate. */
function intPow(base: number, exponent: number): number {
  if (exponent < 0) return Math.trunc(base ** exponent) | 0;
  let result = 1;
  while (exponent > 0) {
    if (exponent & 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
    exponent >>>= 1;
  }
  return result;
}

export const pow = binaryKernel(
  (out, o, a, ai, as, b, bi, bs, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) out[o + i] = a[ai] ** b[bi];
  },
  (out, o, a, ai, as, b, bi, bs, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs) out[o + i] = intPow(a[ai], b[bi]);
  },
);
