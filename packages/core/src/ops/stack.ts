// Joins tensors of one shape along a new axis: expandDims each, then concat.

import { tidy } from '../engine.js';
import { AttributeError, ShapeError } from '../errors.js';
import { type TensorLike, toTensor } from '../op-helpers.js';
import { normalizeAxis, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { concat } from './concat.js';
import { expandDims } from './expandDims.js';

/**
 * Joins tensors of one shape along a new axis `axis` (default 0; negative counts from the end of the result),
 * after promotion to a common dtype. Throws AttributeError for an empty list or a bad axis, ShapeError for
 * differing shapes. Gradient: each input gets its slice of dy.
 */
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
