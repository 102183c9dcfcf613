// square: elementwise x*x (override); float32 and int32 (wrapping).

import { unaryKernel } from './util/elementwise.js';
import { Unary } from './util/ops.js';

export const square = unaryKernel(Unary.square);
