// Elementwise x^2. Decomposes into x * x. d/dx = 2x.

import { elementwiseSpec, type TensorLike, unary } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { mul } from './mul.js';

const spec = elementwiseSpec('square', {
  decompose: ([x]) => [mul(x, x)],
  vjp: ([dy], [x], [_y]) => [mul(dy, mul(x, 2))],
});

/** Elementwise x^2, keeping the dtype. Gradient: 2 x dy. */
export function square(x: TensorLike): Tensor {
  return unary(spec, x, null);
}
