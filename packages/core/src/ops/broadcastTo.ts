// Broadcasts to a larger shape, NumPy rules. Primitive. Gradient: sum over the broadcast axes.

import { apply, type OpSpec, tidy } from '../engine.js';
import { ShapeError } from '../errors.js';
import { type TensorLike, toTensor, unbroadcast } from '../op-helpers.js';
import { broadcastShapes, checkShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { reshape } from './reshape.js';

const spec: OpSpec<{ readonly shape: readonly number[] }> = {
  name: 'broadcastTo',
  infer([x], { shape }) {
    const out = broadcastShapes('broadcastTo', { x: x.shape, shape });
    if (!shapesEqual(out, shape))
      throw new ShapeError('broadcastTo', 'x cannot be broadcast to shape', { x: x.shape, shape });
    return [{ shape, dtype: x.dtype }];
  },
  vjp: ([dy], [x]) => [unbroadcast(dy, x.shape)],
};

/**
 * `x` broadcast to `shape` by NumPy rules (size-1 and missing leading axes repeat). Throws ShapeError unless
 * x broadcasts to exactly `shape`. Gradient: dy summed over the broadcast axes.
 */
export function broadcastTo(x: TensorLike, shape: readonly number[]): Tensor {
  return tidy(() => {
    const t = toTensor('broadcastTo', 'x', x);
    const sh = checkShape('broadcastTo', 'shape', shape);
    if (shapesEqual(t.shape, sh)) return reshape(t, sh);
    return apply(spec, [t], { shape: sh })[0];
  });
}
