// Removes size-1 axes (all, or the given ones) (a reshape, no copy).

import { tidy } from '../engine.js';
import { AttributeError } from '../errors.js';
import { type TensorLike, toTensor } from '../op-helpers.js';
import { normalizeAxes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { reshape } from './reshape.js';

/**
 * `x` without its size-1 axes: all of them, or the given `axes` (negative counts from the end). A reshape: no
 * copy. Throws AttributeError for an axis that is out of range, repeated or not of size 1.
 */
export function squeeze(x: TensorLike, axes?: number | readonly number[]): Tensor {
  return tidy(() => {
    const t = toTensor('squeeze', 'x', x);
    const ax =
      axes === undefined
        ? t.shape.flatMap((d, i) => (d === 1 ? [i] : []))
        : normalizeAxes('squeeze', 'axes', axes, t.rank);
    for (const a of ax) {
      if (t.shape[a] !== 1)
        throw new AttributeError(
          'squeeze',
          'axes',
          `names axis ${a} of size ${t.shape[a]} in x [${t.shape.join(', ')}]`,
        );
    }
    return reshape(
      t,
      t.shape.filter((_, i) => !ax.includes(i)),
    );
  });
}
