// Elementwise x > 0 ? x : alpha x (PyTorch's default alpha 0.01). Decomposes into where; gradient
// from the decomposition (alpha at 0, as PyTorch).

import { AttributeError } from '../errors.js';
import { elementwiseSpec, floatUnary, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { greater } from './greater.js';
import { mul } from './mul.js';
import { where } from './where.js';

const spec = elementwiseSpec<{ readonly alpha: number }>('leakyRelu', {
  decompose: ([x], { alpha }) => [where(greater(x, 0), x, mul(x, alpha))],
});

/**
 * Elementwise x where x > 0, alpha x elsewhere (default alpha 0.01, as PyTorch; int and bool become float32);
 * NaN propagates. Throws AttributeError for a non-finite alpha. Gradient: dy where x > 0, alpha dy elsewhere
 * (alpha dy at 0).
 */
export function leakyRelu(x: TensorLike, alpha = 0.01): Tensor {
  if (!Number.isFinite(alpha)) throw new AttributeError('leakyRelu', 'alpha', `must be finite, got ${alpha}`);
  return floatUnary(spec, x, { alpha });
}
