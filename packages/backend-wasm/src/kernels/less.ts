// less: broadcasting a < b as bool; NaN compares false.

import { binaryKernel } from './util/elementwise.js';
import { Binary } from './util/ops.js';

export const less = binaryKernel(Binary.less);
