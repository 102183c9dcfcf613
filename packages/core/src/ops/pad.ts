// Constant padding: [before, after] per axis. Primitive. Gradient: slice the interior.

import { apply, type OpSpec, tidy } from '../engine.js';
import { AttributeError } from '../errors.js';
import { type TensorLike, toTensor } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { slice } from './slice.js';

type PadAttrs = { readonly paddings: readonly (readonly [number, number])[]; readonly value: number };

const spec: OpSpec<PadAttrs> = {
  name: 'pad',
  infer: ([x], { paddings }) => [
    { shape: x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]), dtype: x.dtype },
  ],
  vjp: ([dy], [x], _y, { paddings }) => [
    slice(
      dy,
      paddings.map((p) => p[0]),
      x.shape,
    ),
  ],
};

/**
 * `x` padded with the constant `value` (default 0): `paddings[i]` = [before, after] elements on axis i.
 * Throws AttributeError unless there is one pair of non-negative integers per axis. Gradient: the interior
 * slice of dy.
 */
export function pad(x: TensorLike, paddings: readonly (readonly [number, number])[], value = 0): Tensor {
  return tidy(() => {
    const t = toTensor('pad', 'x', x);
    if (paddings.length !== t.rank) {
      throw new AttributeError(
        'pad',
        'paddings',
        `has ${paddings.length} entries for x of rank ${t.rank} [${t.shape.join(', ')}]`,
      );
    }
    for (const p of paddings) {
      if (p.length !== 2 || !p.every((v) => Number.isInteger(v) && v >= 0)) {
        throw new AttributeError('pad', 'paddings', 'must be pairs of non-negative integers');
      }
    }
    return apply(spec, [t], { paddings: paddings.map((p) => [p[0], p[1]] as const), value })[0];
  });
}
