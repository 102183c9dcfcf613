// where: cond ? a : b, all three broadcast (cond is bool, stored as u32).

import { type ElementwiseOp, elementwiseKernel } from './util/elementwise.js';

export const whereOp: ElementwiseOp = { name: 'where', expr: () => 'select(c, b, a != 0u)' };
export const where = elementwiseKernel(whereOp);
