// Elementwise min(a, b) with broadcasting; NaN propagates. Decomposes exactly into -max(-a, -b).
// Gradient goes to the smaller operand; ties share it equally; with a NaN operand both get it (PyTorch).

import { arithmetic, elementwiseSpec, type TensorLike, unbroadcast } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { greater } from './greater.js';
import { less } from './less.js';
import { extremumShares, maximum } from './maximum.js';
import { mul } from './mul.js';
import { neg } from './neg.js';

const spec = elementwiseSpec('minimum', {
  decompose: ([a, b]) => [neg(maximum(neg(a), neg(b)))],
  vjp: ([dy], [a, b]) => {
    const [sa, sb] = extremumShares(greater(a, b), less(a, b), a, b);
    return [unbroadcast(mul(dy, sa), a.shape), unbroadcast(mul(dy, sb), b.shape)];
  },
});

/**
 * Elementwise min(a, b) with NumPy broadcasting, after promotion to a common dtype (bool as int32); NaN
 * propagates. Gradient: dy to the smaller operand, half to each on ties, all of it to both where either is
 * NaN (PyTorch).
 */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return arithmetic(spec, a, b);
}
