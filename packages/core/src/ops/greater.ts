// Elementwise a > b: decomposes into b < a. Output bool.

import { compare, elementwiseSpec, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { less } from './less.js';

const spec = elementwiseSpec('greater', {
  outDtype: 'bool',
  nondifferentiable: true,
  decompose: ([a, b]) => [less(b, a)],
});

/**
 * Elementwise a > b with NumPy broadcasting, after promotion to a common dtype; output bool, false wherever
 * either side is NaN. Not differentiable.
 */
export function greater(a: TensorLike, b: TensorLike): Tensor {
  return compare(spec, a, b);
}
