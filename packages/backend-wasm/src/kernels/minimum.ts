// minimum: broadcasting min(a, b) (override); NaN on either side gives NaN.

import { binaryKernel } from './util/elementwise.js';
import { Binary } from './util/ops.js';

export const minimum = binaryKernel(Binary.minimum);
