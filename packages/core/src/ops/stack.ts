// Joins tensors of one shape along a new axis: expandDims each, then concat.

import { tidy } from '../engine.js';
import { AttributeError, ShapeError } from '../errors.js';
import { type TensorLike, toTensor } from '../op-helpers.js';
import { normalizeAxis, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { concat } from './concat.js';
import { expandDims } from './expandDims.js';

export function stack(xs: readonly TensorLike[], axis = 0): Tensor {
  return tidy(() => {
    if (xs.length === 0) throw new AttributeError('stack', 'xs', 'must hold at least one tensor');
    const ts = xs.map((x, i) => toTensor('stack', `xs[${i}]`, x));
    ts.forEach((t, i) => {
      if (!shapesEqual(t.shape, ts[0].shape)) {
        throw new ShapeError('stack', 'inputs must all have one shape', {
          'xs[0]': ts[0].shape,
          [`xs[${i}]`]: t.shape,
        });
      }
    });
    const ax = normalizeAxis('stack', 'axis', axis, ts[0].rank + 1);
    return concat(
      ts.map((t) => expandDims(t, ax)),
      ax,
    );
  });
}
