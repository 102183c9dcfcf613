// div: broadcasting a / b (float32; int32 division never reaches a backend).

import { binaryKernel } from './util/elementwise.js';
import { Binary } from './util/ops.js';

export const div = binaryKernel(Binary.div);
