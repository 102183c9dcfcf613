// cos: elementwise cosine, float64 math rounded once.

import { unaryKernel } from './util/elementwise.js';
import { Unary } from './util/ops.js';

export const cos = unaryKernel(Unary.cos);
