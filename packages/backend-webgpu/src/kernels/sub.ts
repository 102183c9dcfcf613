// sub: a - b with broadcasting (override); int32 wraps.

import { elementwiseKernel } from './util/elementwise.js';

export const sub = elementwiseKernel({ name: 'sub', expr: () => 'a - b' });
