// add: broadcasting a + b; int32 wraps.

import { binaryKernel } from './util/elementwise.js';
import { Binary } from './util/ops.js';

export const add = binaryKernel(Binary.add);
