// Elementwise a / b with broadcasting; int32 / int32 is true division to float32. Primitive.
// d/da = 1/b, d/db = -a/b^2.

import { tidy } from '../engine.js';
import {
  arithmetic,
  asFloat,
  elementwiseSpec,
  promotePair,
  type TensorLike,
  unbroadcast,
} from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { mul } from './mul.js';
import { neg } from './neg.js';

const spec = elementwiseSpec('div', {
  vjp: ([dy], [a, b]) => [
    unbroadcast(div(dy, b), a.shape),
    unbroadcast(neg(div(mul(dy, a), mul(b, b))), b.shape),
  ],
});

/**
 * Elementwise a / b with NumPy broadcasting, after promotion to a common dtype; int32 and bool operands
 * divide as float32 (true division), so x / 0 gives +-Infinity or NaN. Gradient: dy / b for a, -dy a / b^2
 * for b, summed over broadcast axes.
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  return tidy(() => {
    const [ta, tb] = promotePair('div', a, b);
    return arithmetic(spec, asFloat(ta), asFloat(tb));
  });
}
