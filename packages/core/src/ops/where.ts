// Elementwise select: cond ? a : b, all three broadcast. Primitive.
// The gradient flows to the chosen branch only.

import { zerosLike } from '../creation.js';
import { apply, type OpSpec, tidy } from '../engine.js';
import { ShapeError } from '../errors.js';
import { castIfNeeded, promotePair, type TensorLike, toTensor, unbroadcast } from '../op-helpers.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';

const spec: OpSpec<null> = {
  name: 'where',
  infer([c, a, b]) {
    const shape = broadcastShapes('where', { condition: c.shape, a: a.shape, b: b.shape });
    if (a.dtype !== b.dtype) throw new ShapeError('where', 'internal: branches must share a dtype');
    return [{ shape, dtype: a.dtype }];
  },
  vjp: ([dy], [c, a, b]) => {
    const zero = zerosLike(dy);
    return [null, unbroadcast(where(c, dy, zero), a.shape), unbroadcast(where(c, zero, dy), b.shape)];
  },
};

/** Elements of `a` where `condition` is true, of `b` elsewhere. */
export function where(condition: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  return tidy(() => {
    const c = castIfNeeded(toTensor('where', 'condition', condition), 'bool');
    const [ta, tb] = promotePair('where', a, b, ['a', 'b']);
    return apply(spec, [c, ta, tb], null)[0];
  });
}
