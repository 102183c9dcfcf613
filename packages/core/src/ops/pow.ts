// Elementwise a ** b with broadcasting (Math.pow semantics). Primitive.
// d/da = b a^(b-1), taken as 0 where b = 0; d/db = a^b log a, taken as 0 where a = 0 and b >= 0
// (PyTorch's conventions).

import { arithmetic, elementwiseSpec, type TensorLike, unbroadcast } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { equal } from './equal.js';
import { greaterEqual } from './greaterEqual.js';
import { log } from './log.js';
import { logicalAnd } from './logicalAnd.js';
import { mul } from './mul.js';
import { sub } from './sub.js';
import { where } from './where.js';

const spec = elementwiseSpec('pow', {
  vjp: ([dy], [a, b], [y]) => {
    const da = mul(dy, where(equal(b, 0), 0, mul(b, pow(a, sub(b, 1)))));
    const zeroBase = logicalAnd(equal(a, 0), greaterEqual(b, 0));
    const db = mul(dy, where(zeroBase, 0, mul(y, log(a))));
    return [unbroadcast(da, a.shape), unbroadcast(db, b.shape)];
  },
});

/**
 * Elementwise a ** b with NumPy broadcasting, after promotion to a common dtype (bool as int32), with
 * Math.pow semantics. Gradient, PyTorch's conventions: b a^(b-1) dy for a (0 where b = 0) and a^b log(a) dy
 * for b (0 where a = 0 and b >= 0), summed over broadcast axes.
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  return arithmetic(spec, a, b);
}
