// Takes slices of x along an axis at int32 indices (any shape; negative counts from the end).
// Primitive. Gradient: scatterAdd of dy back to those positions.

import { apply, type OpSpec, tidy } from '../engine.js';
import { DTypeError } from '../errors.js';
import { type TensorLike, toTensor } from '../op-helpers.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { scatterAdd } from './scatterAdd.js';

const spec: OpSpec<{ readonly axis: number }> = {
  name: 'gather',
  infer: ([x, idx], { axis }) => [
    { shape: [...x.shape.slice(0, axis), ...idx.shape, ...x.shape.slice(axis + 1)], dtype: x.dtype },
  ],
  vjp: ([dy], [x, idx], _y, { axis }) => [scatterAdd(dy, idx, axis, x.shape[axis]), null],
};

/**
 * Slices of `x` along `axis` (default 0) at int32 `indices` of any shape: the result is x's shape with that
 * axis replaced by the shape of indices. Indices must lie in [-n, n) for an axis of length n; negative ones
 * count from the end. Throws DTypeError for indices that are not int32. Gradient: dy scatter-added back to
 * the gathered positions (scatterAdd); none for indices.
 */
export function gather(x: TensorLike, indices: TensorLike, axis = 0): Tensor {
  return tidy(() => {
    const t = toTensor('gather', 'x', x);
    const idx = toTensor('gather', 'indices', indices, undefined, 'int32');
    if (idx.dtype !== 'int32') throw new DTypeError('gather', 'indices', `must be int32, got ${idx.dtype}`);
    return apply(spec, [t, idx], { axis: normalizeAxis('gather', 'axis', axis, t.rank) })[0];
  });
}
