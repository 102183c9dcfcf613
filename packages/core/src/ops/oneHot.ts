// One-hot encoding of int32 indices along a new last axis; out-of-range indices give all `off`.
// Decomposes into equal(indices, arange(depth)); no gradient.

import { arange } from '../creation.js';
import type { DType } from '../dtype.js';
import { tidy } from '../engine.js';
import { AttributeError, DTypeError } from '../errors.js';
import { type TensorLike, toTensor } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { equal } from './equal.js';
import { expandDims } from './expandDims.js';
import { where } from './where.js';

/**
 * One-hot encoding of int32 `indices` along a new last axis of length `depth`: `on` (default 1) at each index
 * and `off` (default 0) elsewhere, in `dtype` (default float32). An index outside [0, depth), negative ones
 * included, gives a row of `off`. Throws DTypeError for indices that are not int32, AttributeError for a
 * depth that is not a non-negative integer. Not differentiable.
 */
export function oneHot(
  indices: TensorLike,
  depth: number,
  options: { on?: number; off?: number; dtype?: DType } = {},
): Tensor {
  return tidy(() => {
    const idx = toTensor('oneHot', 'indices', indices, undefined, 'int32');
    if (idx.dtype !== 'int32') throw new DTypeError('oneHot', 'indices', `must be int32, got ${idx.dtype}`);
    if (!Number.isInteger(depth) || depth < 0)
      throw new AttributeError('oneHot', 'depth', `must be a non-negative integer, got ${depth}`);
    const dtype = options.dtype ?? 'float32';
    const hits = equal(expandDims(idx, -1), arange(0, depth, 1, 'int32'));
    const { on = 1, off = 0 } = options;
    if (on === 1 && off === 0) return cast(hits, dtype);
    return cast(where(hits, on, off), dtype);
  });
}
