// Elementwise a >= b: decomposes into b <= a. Output bool.

import { compare, elementwiseSpec, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { lessEqual } from './lessEqual.js';

const spec = elementwiseSpec('greaterEqual', {
  outDtype: 'bool',
  nondifferentiable: true,
  decompose: ([a, b]) => [lessEqual(b, a)],
});

/**
 * Elementwise a >= b with NumPy broadcasting, after promotion to a common dtype; output bool, false wherever
 * either side is NaN. Not differentiable.
 */
export function greaterEqual(a: TensorLike, b: TensorLike): Tensor {
  return compare(spec, a, b);
}
