// sigmoid: elementwise 1 / (1 + e^-x) (override), in the form that cannot overflow for either sign.

import { unaryKernel } from './util/elementwise.js';

export const sigmoid = unaryKernel((x, out) => {
  for (let i = 0; i < out.length; i++) {
    const v = x[i];
    if (v >= 0) {
      out[i] = 1 / (1 + Math.exp(-v));
    } else {
      const e = Math.exp(v);
      out[i] = e / (1 + e);
    }
  }
});
