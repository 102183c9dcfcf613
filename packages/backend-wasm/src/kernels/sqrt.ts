// sqrt: elementwise square root (f32x4.sqrt, correctly rounded).

import { unaryKernel } from './util/elementwise.js';
import { Unary } from './util/ops.js';

export const sqrt = unaryKernel(Unary.sqrt);
