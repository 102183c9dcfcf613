// abs: absolute value, float32 and int32 (int32 min stays itself, as two's complement).

import { type ElementwiseOp, elementwiseKernel } from './util/elementwise.js';

export const absOp: ElementwiseOp = { name: 'abs', expr: () => 'abs(a)' };
export const abs = elementwiseKernel(absOp);
