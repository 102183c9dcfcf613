// Elementwise a + b with broadcasting. Primitive. d/da = d/db = 1.

import { arithmetic, elementwiseSpec, type TensorLike, unbroadcast } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';

const spec = elementwiseSpec('add', {
  vjp: ([dy], [a, b]) => [unbroadcast(dy, a.shape), unbroadcast(dy, b.shape)],
});

export function add(a: TensorLike, b: TensorLike): Tensor {
  return arithmetic(spec, a, b);
}
