// Elementwise max(x, 0); NaN propagates. Decomposes into maximum(x, 0).
// Gradient dy where x > 0, 0 where x <= 0 (relu'(0) = 0); a NaN input passes dy, as PyTorch.

import { zerosLike } from '../creation.js';
import { elementwiseSpec, type TensorLike, unary } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { lessEqual } from './lessEqual.js';
import { maximum } from './maximum.js';
import { where } from './where.js';

const spec = elementwiseSpec('relu', {
  decompose: ([x]) => [maximum(x, 0)],
  vjp: ([dy], [x]) => [where(lessEqual(x, 0), zerosLike(dy), dy)],
});

/**
 * Elementwise max(x, 0), keeping the dtype; NaN propagates. Gradient: dy where x > 0, 0 where x <= 0; a NaN
 * input passes dy (PyTorch).
 */
export function relu(x: TensorLike): Tensor {
  return unary(spec, x, null);
}
