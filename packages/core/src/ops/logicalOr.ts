// Elementwise logical or with broadcasting. Decomposes into where(a, true, b).

import { elementwiseSpec, logical, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { where } from './where.js';

const spec = elementwiseSpec('logicalOr', {
  outDtype: 'bool',
  nondifferentiable: true,
  decompose: ([a, b]) => [where(a, true, b)],
});

/**
 * Elementwise logical or with NumPy broadcasting; operands that are not bool count as `!= 0`. Output bool;
 * not differentiable.
 */
export function logicalOr(a: TensorLike, b: TensorLike): Tensor {
  return logical(spec, [a, b]);
}
