// Elementwise a != b: decomposes into not (a == b), so NaN != NaN is true. Output bool.

import { compare, elementwiseSpec, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { equal } from './equal.js';
import { logicalNot } from './logicalNot.js';

const spec = elementwiseSpec('notEqual', {
  outDtype: 'bool',
  nondifferentiable: true,
  decompose: ([a, b]) => [logicalNot(equal(a, b))],
});

/**
 * Elementwise a != b with NumPy broadcasting, after promotion to a common dtype; output bool, true wherever
 * either side is NaN. Not differentiable.
 */
export function notEqual(a: TensorLike, b: TensorLike): Tensor {
  return compare(spec, a, b);
}
