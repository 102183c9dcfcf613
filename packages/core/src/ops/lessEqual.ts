// Elementwise a <= b: decomposes into (a < b) or (a == b), so NaN gives false. Output bool.

import { compare, elementwiseSpec, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { equal } from './equal.js';
import { less } from './less.js';
import { logicalOr } from './logicalOr.js';

const spec = elementwiseSpec('lessEqual', {
  outDtype: 'bool',
  nondifferentiable: true,
  decompose: ([a, b]) => [logicalOr(less(a, b), equal(a, b))],
});

/**
 * Elementwise a <= b with NumPy broadcasting, after promotion to a common dtype; output bool, false wherever
 * either side is NaN. Not differentiable.
 */
export function lessEqual(a: TensorLike, b: TensorLike): Tensor {
  return compare(spec, a, b);
}
