// Minimum over axes; NaN propagates. Decomposes exactly into -max(-x). Ties share the gradient.

import type { OpSpec } from '../engine.js';
import type { TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { extremumVjp, max } from './max.js';
import { neg } from './neg.js';
import { type ReduceAttrs, reduce, reduceSpec } from './sum.js';

const spec: OpSpec<ReduceAttrs> = {
  ...reduceSpec('min', ([dy], [x], [y], { axes }) => [extremumVjp(dy, x, y, axes)]),
  decompose: ([x], { axes }) => [neg(max(neg(x), axes))],
};

/**
 * Minimum over `axes` (all when omitted; negative counts from the end), dropped unless `keepDims`; NaN
 * propagates and bool counts as int32. Throws AttributeError for out-of-range or repeated axes. Gradient: dy
 * shared equally among the elements equal to the minimum.
 */
export function min(x: TensorLike, axes?: number | readonly number[], keepDims = false): Tensor {
  return reduce(spec, x, axes, keepDims, (t) => (t.dtype === 'bool' ? cast(t, 'int32') : t));
}
