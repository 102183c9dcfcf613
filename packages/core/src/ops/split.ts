// Splits along an axis into equal parts or given sizes (one may be -1): slices of x.

import { tidy } from '../engine.js';
import { AttributeError } from '../errors.js';
import { type TensorLike, toTensor } from '../op-helpers.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { slice } from './slice.js';

/**
 * Splits `x` along `axis` (default 0) into `sizesOrCount` equal parts, or into parts of the given sizes, one
 * of which may be -1 (the rest). Throws AttributeError when the count does not divide the axis or the sizes
 * do not add up to it. The parts are slices, so gradients flow back.
 */
export function split(x: TensorLike, sizesOrCount: number | readonly number[], axis = 0): Tensor[] {
  return tidy(() => {
    const t = toTensor('split', 'x', x);
    const ax = normalizeAxis('split', 'axis', axis, t.rank);
    const n = t.shape[ax];
    let sizes: number[];
    if (typeof sizesOrCount === 'number') {
      if (!Number.isInteger(sizesOrCount) || sizesOrCount <= 0 || n % sizesOrCount !== 0) {
        throw new AttributeError(
          'split',
          'sizesOrCount',
          `= ${sizesOrCount} does not divide axis ${ax} of x [${t.shape.join(', ')}]`,
        );
      }
      sizes = new Array<number>(sizesOrCount).fill(n / sizesOrCount);
    } else {
      const known = sizesOrCount.filter((s) => s !== -1).reduce((a, b) => a + b, 0);
      sizes = sizesOrCount.map((s) => (s === -1 ? n - known : s));
      if (sizes.some((s) => !Number.isInteger(s) || s < 0) || sizes.reduce((a, b) => a + b, 0) !== n) {
        throw new AttributeError(
          'split',
          'sizesOrCount',
          `[${sizesOrCount.join(', ')}] does not add up to ${n} (axis ${ax} of x [${t.shape.join(', ')}])`,
        );
      }
    }
    let offset = 0;
    return sizes.map((s) => {
      const begin = t.shape.map((_, i) => (i === ax ? offset : 0));
      const size = t.shape.map((d, i) => (i === ax ? s : d));
      offset += s;
      return slice(t, begin, size);
    });
  });
}
