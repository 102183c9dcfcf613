// add: a + b with broadcasting; int32 wraps.

import { type ElementwiseOp, elementwiseKernel } from './util/elementwise.js';

export const addOp: ElementwiseOp = { name: 'add', expr: () => 'a + b' };
export const add = elementwiseKernel(addOp);
