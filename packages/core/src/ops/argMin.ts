// Index (int32) of the first minimum along an axis; NaN counts as the minimum. Decomposes into argMax(-x).

import type { TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { argMax, argSpec, runArg } from './argMax.js';
import { neg } from './neg.js';

const spec = argSpec('argMin', ([x], { axis }) => [argMax(neg(x), axis)]);

/**
 * Index (int32) of the first minimum of `x` along `axis` (default -1, the last), which the result drops; NaN
 * counts as the minimum and bool as int32. Throws AttributeError for an out-of-range or empty axis. Not
 * differentiable.
 */
export function argMin(x: TensorLike, axis = -1): Tensor {
  return runArg(spec, x, axis);
}
