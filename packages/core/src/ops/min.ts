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

export function min(x: TensorLike, axes?: number | readonly number[], keepDims = false): Tensor {
  return reduce(spec, x, axes, keepDims, (t) => (t.dtype === 'bool' ? cast(t, 'int32') : t));
}
