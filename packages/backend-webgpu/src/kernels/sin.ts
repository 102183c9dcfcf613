// sin: elementwise sine.

import { elementwiseKernel, unaryOp } from './util/elementwise.js';

export const sinOp = unaryOp('sin', 'sin(a)');
export const sin = elementwiseKernel(sinOp);
