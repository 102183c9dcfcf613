// Elementwise -x. Decomposes exactly into x * -1 (keeps -0 and NaN).

import { elementwiseSpec, type TensorLike, unary } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { mul } from './mul.js';

const spec = elementwiseSpec('neg', {
  decompose: ([x]) => [mul(x, -1)],
  vjp: ([dy]) => [neg(dy)],
});

/** Elementwise -x, keeping the dtype except bool, which becomes int32; -0 and NaN are kept. Gradient: -dy. */
export function neg(x: TensorLike): Tensor {
  return unary(spec, x, null, (t) => (t.dtype === 'bool' ? cast(t, 'int32') : t));
}
