// div: true division with broadcasting (float32; int32 division never reaches a backend).

import { type ElementwiseOp, elementwiseKernel } from './util/elementwise.js';

export const divOp: ElementwiseOp = { name: 'div', expr: () => 'a / b' };
export const div = elementwiseKernel(divOp);
