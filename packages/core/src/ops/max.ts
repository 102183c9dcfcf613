// Maximum over axes; NaN propagates. Primitive. The gradient is shared equally among tied maxima.

import type { OpSpec } from '../engine.js';
import type { TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { div } from './div.js';
import { equal } from './equal.js';
import { mul } from './mul.js';
import { expandReduced, type ReduceAttrs, reduce, reduceSpec, sum } from './sum.js';

/** @internal Gradient of a max/min reduction: dy split evenly over the elements equal to the result. */
export function extremumVjp(dy: Tensor, x: Tensor, y: Tensor, axes: readonly number[]): Tensor {
  const hits = cast(equal(x, expandReduced(y, x.shape, axes)), dy.dtype);
  const count = sum(hits, axes, true);
  return div(mul(expandReduced(dy, x.shape, axes), hits), count);
}

const spec: OpSpec<ReduceAttrs> = reduceSpec('max', ([dy], [x], [y], { axes }) => [
  extremumVjp(dy, x, y, axes),
]);

/**
 * Maximum over `axes` (all when omitted; negative counts from the end), dropped unless `keepDims`; NaN
 * propagates and bool counts as int32. Throws AttributeError for out-of-range or repeated axes. Gradient: dy
 * shared equally among the elements equal to the maximum.
 */
export function max(x: TensorLike, axes?: number | readonly number[], keepDims = false): Tensor {
  return reduce(spec, x, axes, keepDims, (t) => (t.dtype === 'bool' ? cast(t, 'int32') : t));
}
