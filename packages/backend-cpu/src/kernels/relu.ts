// relu: elementwise max(x, 0) (override); NaN stays NaN (Math.max propagates it).

import { unaryKernel } from './util/elementwise.js';

export const relu = unaryKernel((x, out) => {
  for (let i = 0; i < out.length; i++) out[i] = Math.max(x[i], 0);
});
