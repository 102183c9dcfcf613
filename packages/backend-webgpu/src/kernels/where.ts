// where: cond ? a : b, all three broadcast (cond is bool, stored as u32).

import { elementwiseKernel } from './util/elementwise.js';

export const where = elementwiseKernel({ name: 'where', expr: () => 'select(c, b, a != 0u)' });
