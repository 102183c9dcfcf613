// neg: negation (override), float32 and int32 (wraps).

import { elementwiseKernel } from './util/elementwise.js';

export const neg = elementwiseKernel({ name: 'neg', expr: () => '-a' });
