// Elementwise a - b with broadcasting. Decomposes exactly into a + (-b).

import { arithmetic, elementwiseSpec, type TensorLike, unbroadcast } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { add } from './add.js';
import { neg } from './neg.js';

const spec = elementwiseSpec('sub', {
  decompose: ([a, b]) => [add(a, neg(b))],
  vjp: ([dy], [a, b]) => [unbroadcast(dy, a.shape), unbroadcast(neg(dy), b.shape)],
});

/**
 * Elementwise a - b with NumPy broadcasting, after promotion to a common dtype (bool operands subtract as
 * int32; int32 wraps). Gradient: dy for a, -dy for b, summed over broadcast axes.
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  return arithmetic(spec, a, b);
}
