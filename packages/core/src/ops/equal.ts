// Elementwise a == b with broadcasting, to bool (NaN == NaN is false). Primitive.

import { compare, elementwiseSpec, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';

const spec = elementwiseSpec('equal', { outDtype: 'bool', nondifferentiable: true });

/**
 * Elementwise a == b with NumPy broadcasting, after promotion to a common dtype; output bool, false wherever
 * either side is NaN. Not differentiable.
 */
export function equal(a: TensorLike, b: TensorLike): Tensor {
  return compare(spec, a, b);
}
