// abs: absolute value, float32 and int32 (int32 min stays itself, as two's complement).

import { elementwiseKernel } from './util/elementwise.js';

export const abs = elementwiseKernel({ name: 'abs', expr: () => 'abs(a)' });
