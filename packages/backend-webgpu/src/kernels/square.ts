// square: x*x (override), float32 and int32.

import { elementwiseKernel } from './util/elementwise.js';

export const square = elementwiseKernel({ name: 'square', expr: () => 'a * a' });
