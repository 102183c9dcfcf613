// Elementwise |x| (float and int32). Primitive. Gradient sign(x), with abs'(0) = 0.

import { elementwiseSpec, type TensorLike, unary } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { greater } from './greater.js';
import { less } from './less.js';
import { mul } from './mul.js';
import { sub } from './sub.js';

const spec = elementwiseSpec('abs', {
  vjp: ([dy], [x], [_y]) => [mul(dy, sub(cast(greater(x, 0), dy.dtype), cast(less(x, 0), dy.dtype)))],
});

/**
 * Elementwise absolute value |x| of a float or int32 tensor; NaN stays NaN. Gradient: sign(x) dy, 0 at x = 0.
 */
export function abs(x: TensorLike): Tensor {
  return unary(spec, x, null);
}
