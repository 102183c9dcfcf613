// Elementwise logical and with broadcasting. Decomposes into where(a, b, false).

import { elementwiseSpec, logical, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { where } from './where.js';

const spec = elementwiseSpec('logicalAnd', {
  outDtype: 'bool',
  nondifferentiable: true,
  decompose: ([a, b]) => [where(a, b, false)],
});

/**
 * Elementwise logical and with NumPy broadcasting; operands that are not bool count as `!= 0`. Output bool;
 * not differentiable.
 */
export function logicalAnd(a: TensorLike, b: TensorLike): Tensor {
  return logical(spec, [a, b]);
}
