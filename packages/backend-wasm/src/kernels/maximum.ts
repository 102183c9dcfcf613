// maximum: broadcasting max(a, b); NaN on either side gives NaN.

import { binaryKernel } from './util/elementwise.js';
import { Binary } from './util/ops.js';

export const maximum = binaryKernel(Binary.maximum);
