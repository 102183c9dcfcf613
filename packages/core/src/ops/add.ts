// Elementwise a + b with broadcasting. Primitive. d/da = d/db = 1.

import { arithmetic, elementwiseSpec, type TensorLike, unbroadcast } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';

const spec = elementwiseSpec('add', {
  vjp: ([dy], [a, b]) => [unbroadcast(dy, a.shape), unbroadcast(dy, b.shape)],
});

/**
 * Elementwise a + b with NumPy broadcasting, after promotion to a common dtype (bool operands add as int32;
 * int32 wraps). Gradient: dy to both, summed over their broadcast axes.
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  return arithmetic(spec, a, b);
}
