// div: true division with broadcasting (float32; int32 division never reaches a backend).

import { elementwiseKernel } from './util/elementwise.js';

export const div = elementwiseKernel({ name: 'div', expr: () => 'a / b' });
