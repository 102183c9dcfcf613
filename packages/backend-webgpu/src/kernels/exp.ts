// exp: elementwise e^x.

import { unaryKernel } from './util/elementwise.js';

export const exp = unaryKernel('exp', 'exp(a)');
