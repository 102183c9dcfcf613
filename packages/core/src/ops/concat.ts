// Joins tensors along an existing axis (dtypes promoted). Primitive. Gradient: slices of dy.

import { promoteTypes } from '../dtype.js';
import { apply, type OpSpec, tidy } from '../engine.js';
import { AttributeError, ShapeError } from '../errors.js';
import { castIfNeeded, type TensorLike, toTensor } from '../op-helpers.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { reshape } from './reshape.js';
import { slice } from './slice.js';

const spec: OpSpec<{ readonly axis: number }> = {
  name: 'concat',
  infer(xs, { axis }) {
    const first = xs[0].shape;
    const shapes: Record<string, readonly number[]> = {};
    xs.forEach((x, i) => {
      shapes[`input ${i}`] = x.shape;
    });
    for (const x of xs) {
      if (x.rank !== first.length || x.shape.some((d, i) => i !== axis && d !== first[i])) {
        throw new ShapeError('concat', `inputs must match in every axis but ${axis}`, shapes);
      }
    }
    const shape = [...first];
    shape[axis] = xs.reduce((n, x) => n + x.shape[axis], 0);
    return [{ shape, dtype: xs[0].dtype }];
  },
  vjp([dy], xs, _y, { axis }) {
    let offset = 0;
    return xs.map((x) => {
      const begin = x.shape.map((_, i) => (i === axis ? offset : 0));
      offset += x.shape[axis];
      return slice(dy, begin, x.shape);
    });
  },
};

/**
 * Joins `xs` along the existing `axis` (default 0; negative counts from the end) after promotion to a common
 * dtype; the inputs must match in every other axis. Throws AttributeError for an empty list or a bad axis,
 * ShapeError for mismatched shapes. Gradient: each input gets its slice of dy.
 */
export function concat(xs: readonly TensorLike[], axis = 0): Tensor {
  return tidy(() => {
    if (xs.length === 0) throw new AttributeError('concat', 'xs', 'must hold at least one tensor');
    const ts = xs.map((x, i) => toTensor('concat', `xs[${i}]`, x));
    const dt = ts.map((t) => t.dtype).reduce(promoteTypes);
    const ax = normalizeAxis('concat', 'axis', axis, ts[0].rank);
    if (ts.length === 1) return reshape(ts[0], ts[0].shape);
    return apply(
      spec,
      ts.map((t) => castIfNeeded(t, dt)),
      { axis: ax },
    )[0];
  });
}
