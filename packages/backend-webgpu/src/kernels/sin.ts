// sin: elementwise sine.

import { unaryKernel } from './util/elementwise.js';

export const sin = unaryKernel('sin', 'sin(a)');
