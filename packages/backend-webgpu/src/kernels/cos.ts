// cos: elementwise cosine.

import { elementwiseKernel, unaryOp } from './util/elementwise.js';

export const cosOp = unaryOp('cos', 'cos(a)');
export const cos = elementwiseKernel(cosOp);
