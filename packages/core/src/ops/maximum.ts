// Elementwise max(a, b) with broadcasting; NaN propagates. Primitive.
// Gradient goes to the larger operand; ties share it equally; with a NaN operand both get it (PyTorch).

import { arithmetic, elementwiseSpec, type TensorLike, unbroadcast } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { equal } from './equal.js';
import { greater } from './greater.js';
import { less } from './less.js';
import { mul } from './mul.js';
import { where } from './where.js';

/**
 * @internal Shares of the gradient for `a` and `b` in an elementwise max/min: 1/2 each on ties, 0 for the
 * operand that loses, 1 otherwise (so both get it when a NaN makes every comparison false, as PyTorch).
 */
export function extremumShares(aLoses: Tensor, bLoses: Tensor, a: Tensor, b: Tensor): [Tensor, Tensor] {
  const tie = equal(a, b);
  const share = (loses: Tensor) => where(tie, 0.5, where(loses, 0, 1));
  return [cast(share(aLoses), a.dtype), cast(share(bLoses), a.dtype)];
}

const spec = elementwiseSpec('maximum', {
  vjp: ([dy], [a, b]) => {
    const [sa, sb] = extremumShares(less(a, b), greater(a, b), a, b);
    return [unbroadcast(mul(dy, sa), a.shape), unbroadcast(mul(dy, sb), b.shape)];
  },
});

/**
 * Elementwise max(a, b) with NumPy broadcasting, after promotion to a common dtype (bool as int32); NaN
 * propagates. Gradient: dy to the larger operand, half to each on ties, all of it to both where either is NaN
 * (PyTorch).
 */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return arithmetic(spec, a, b);
}
