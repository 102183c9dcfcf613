// sqrt: square root; negative gives NaN.

import { unaryKernel } from './util/elementwise.js';

export const sqrt = unaryKernel('sqrt', 'select(sqrt(a), nan(), a < 0.0 || is_nan(a))');
