// equal: broadcasting a == b as bool; NaN equals nothing.

import { binaryKernel } from './util/elementwise.js';
import { Binary } from './util/ops.js';

export const equal = binaryKernel(Binary.equal);
