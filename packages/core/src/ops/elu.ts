// Elementwise x > 0 ? x : alpha (e^x - 1). Decomposes into where; the exp only sees x <= 0, so a
// large positive x cannot turn the unused branch's gradient into NaN. Gradient from the decomposition:
// alpha at 0 and dy at NaN, as PyTorch.

import { AttributeError } from '../errors.js';
import { elementwiseSpec, floatUnary, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { exp } from './exp.js';
import { lessEqual } from './lessEqual.js';
import { mul } from './mul.js';
import { sub } from './sub.js';
import { where } from './where.js';

const spec = elementwiseSpec<{ readonly alpha: number }>('elu', {
  decompose: ([x], { alpha }) => {
    const negative = lessEqual(x, 0);
    return [where(negative, mul(sub(exp(where(negative, x, 0)), 1), alpha), x)];
  },
});

/**
 * Elementwise ELU: x where x > 0, alpha (e^x - 1) elsewhere (default alpha 1; int and bool become float32);
 * NaN propagates. Throws AttributeError for a non-finite alpha. Gradient: dy where x > 0, alpha e^x dy
 * elsewhere (alpha dy at 0, dy at NaN, as PyTorch).
 */
export function elu(x: TensorLike, alpha = 1): Tensor {
  if (!Number.isFinite(alpha)) throw new AttributeError('elu', 'alpha', `must be finite, got ${alpha}`);
  return floatUnary(spec, x, { alpha });
}
