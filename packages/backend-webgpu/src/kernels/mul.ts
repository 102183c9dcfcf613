// mul: a * b with broadcasting; int32 wraps (bool as u32 too).

import { type ElementwiseOp, elementwiseKernel } from './util/elementwise.js';

export const mulOp: ElementwiseOp = { name: 'mul', expr: () => 'a * b' };
export const mul = elementwiseKernel(mulOp);
