// Gaussian error linear unit: x Phi(x) = x/2 (1 + erf(x / sqrt 2)), or the tanh approximation
// x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). Decomposes into erf/tanh; gradient from that.

import { AttributeError } from '../errors.js';
import { elementwiseSpec, floatUnary, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { add } from './add.js';
import { erf } from './erf.js';
import { mul } from './mul.js';
import { tanh } from './tanh.js';

type GeluAttrs = { readonly approximate: 'none' | 'tanh' };

const spec = elementwiseSpec<GeluAttrs>('gelu', {
  decompose: ([x], { approximate }) => {
    const inner =
      approximate === 'tanh'
        ? tanh(mul(add(x, mul(mul(mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI)))
        : erf(mul(x, Math.SQRT1_2));
    return [mul(mul(x, 0.5), add(inner, 1))];
  },
});

/**
 * Elementwise GELU, x Phi(x) = x/2 (1 + erf(x / sqrt 2)), or with `approximate: 'tanh'` x/2 (1 +
 * tanh(sqrt(2/pi) (x + 0.044715 x^3))). int and bool become float32. Throws AttributeError for another
 * `approximate`. Gradient from the chosen formula.
 */
export function gelu(x: TensorLike, options: { approximate?: 'none' | 'tanh' } = {}): Tensor {
  const approximate = options.approximate ?? 'none';
  if (approximate !== 'none' && approximate !== 'tanh') {
    throw new AttributeError('gelu', 'approximate', `must be 'none' or 'tanh', got '${String(approximate)}'`);
  }
  return floatUnary(spec, x, { approximate });
}
