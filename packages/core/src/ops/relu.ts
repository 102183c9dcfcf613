// Elementwise max(x, 0); NaN propagates. Decomposes into maximum(x, 0). relu'(0) = 0.

import { elementwiseSpec, type TensorLike, unary } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { greater } from './greater.js';
import { maximum } from './maximum.js';
import { mul } from './mul.js';

const spec = elementwiseSpec('relu', {
  decompose: ([x]) => [maximum(x, 0)],
  vjp: ([dy], [x], [_y]) => [mul(dy, cast(greater(x, 0), dy.dtype))],
});

export function relu(x: TensorLike): Tensor {
  return unary(spec, x, null);
}
