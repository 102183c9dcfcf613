// mul: a * b with broadcasting; int32 wraps (bool as u32 too).

import { elementwiseKernel } from './util/elementwise.js';

export const mul = elementwiseKernel({ name: 'mul', expr: () => 'a * b' });
