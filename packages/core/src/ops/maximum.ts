// Elementwise max(a, b) with broadcasting; NaN propagates. Primitive.
// Gradient goes to the larger operand; ties share it equally.

import { arithmetic, elementwiseSpec, type TensorLike, unbroadcast } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { add } from './add.js';
import { cast } from './cast.js';
import { equal } from './equal.js';
import { greater } from './greater.js';
import { mul } from './mul.js';
import { sub } from './sub.js';

/** Share of the gradient for `a` in max/min: 1 where `a` wins, 1/2 on ties, 0 otherwise. */
export function winnerShare(wins: Tensor, a: Tensor, b: Tensor): Tensor {
  return add(cast(wins, a.dtype), mul(cast(equal(a, b), a.dtype), 0.5));
}

const spec = elementwiseSpec('maximum', {
  vjp: ([dy], [a, b]) => {
    const share = winnerShare(greater(a, b), a, b);
    return [unbroadcast(mul(dy, share), a.shape), unbroadcast(mul(dy, sub(1, share)), b.shape)];
  },
});

export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return arithmetic(spec, a, b);
}
