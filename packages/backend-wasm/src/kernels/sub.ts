// sub: broadcasting a - b (override); int32 wraps.

import { binaryKernel } from './util/elementwise.js';
import { Binary } from './util/ops.js';

export const sub = binaryKernel(Binary.sub);
