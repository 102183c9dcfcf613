// cos: elementwise cosine.

import { unaryKernel } from './util/elementwise.js';

export const cos = unaryKernel('cos', 'cos(a)');
