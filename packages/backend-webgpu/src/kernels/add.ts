// add: a + b with broadcasting; int32 wraps.

import { elementwiseKernel } from './util/elementwise.js';

export const add = elementwiseKernel({ name: 'add', expr: () => 'a + b' });
