// log: natural log; log(0) = -Inf, negative or NaN input gives NaN (not left to the driver).

import { unaryKernel } from './util/elementwise.js';

export const log = unaryKernel(
  'log',
  'select(select(log(a), -inf(), a == 0.0), nan(), a < 0.0 || is_nan(a))',
);
