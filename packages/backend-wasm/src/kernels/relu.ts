// relu: elementwise max(x, 0) (override); NaN stays NaN.

import { unaryKernel } from './util/elementwise.js';
import { Unary } from './util/ops.js';

export const relu = unaryKernel(Unary.relu);
