// exp: elementwise e^x.

import { elementwiseKernel, unaryOp } from './util/elementwise.js';

export const expOp = unaryOp('exp', 'exp(a)');
export const exp = elementwiseKernel(expOp);
