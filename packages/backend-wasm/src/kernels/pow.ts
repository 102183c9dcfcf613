// pow: broadcasting a ** b (float64 pow rounded once); int32 by wrapping square-and-multiply.

import { binaryKernel } from './util/elementwise.js';
import { Binary } from './util/ops.js';

export const pow = binaryKernel(Binary.pow);
