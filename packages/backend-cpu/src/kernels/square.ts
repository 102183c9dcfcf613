// square: elementwise x*x (override; int32 wraps like NumPy).

import { unaryKernel } from './util/elementwise.js';

export const square = unaryKernel(
  (x, out) => {
    for (let i = 0; i < out.length; i++) out[i] = x[i] * x[i];
  },
  (x, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.imul(x[i], x[i]);
  },
);
