// Elementwise min(a, b) with broadcasting; NaN propagates. Decomposes exactly into -max(-a, -b).
// Gradient goes to the smaller operand; ties share it equally.

import { arithmetic, elementwiseSpec, type TensorLike, unbroadcast } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { less } from './less.js';
import { maximum, winnerShare } from './maximum.js';
import { mul } from './mul.js';
import { neg } from './neg.js';
import { sub } from './sub.js';

const spec = elementwiseSpec('minimum', {
  decompose: ([a, b]) => [neg(maximum(neg(a), neg(b)))],
  vjp: ([dy], [a, b]) => {
    const share = winnerShare(less(a, b), a, b);
    return [unbroadcast(mul(dy, share), a.shape), unbroadcast(mul(dy, sub(1, share)), b.shape)];
  },
});

export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return arithmetic(spec, a, b);
}
