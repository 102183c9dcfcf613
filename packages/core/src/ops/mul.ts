// Elementwise a * b with broadcasting. Primitive. d/da = b, d/db = a.

import { arithmetic, elementwiseSpec, type TensorLike, unbroadcast } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';

const spec = elementwiseSpec('mul', {
  vjp: ([dy], [a, b]) => [unbroadcast(mul(dy, b), a.shape), unbroadcast(mul(dy, a), b.shape)],
});

/**
 * Elementwise a * b with NumPy broadcasting, after promotion to a common dtype (bool operands multiply as
 * int32; int32 wraps). Gradient: b dy for a, a dy for b, summed over broadcast axes.
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return arithmetic(spec, a, b);
}
