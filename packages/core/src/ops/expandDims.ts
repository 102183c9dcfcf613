// Inserts a size-1 axis (a reshape, no copy).

import { tidy } from '../engine.js';
import { type TensorLike, toTensor } from '../op-helpers.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { reshape } from './reshape.js';

/**
 * `x` with a size-1 axis inserted at `axis` (default 0; negative counts from the end of the result, so -1
 * appends one). A reshape: no copy. Throws AttributeError for an axis outside [-(rank + 1), rank].
 */
export function expandDims(x: TensorLike, axis = 0): Tensor {
  return tidy(() => {
    const t = toTensor('expandDims', 'x', x);
    const ax = normalizeAxis('expandDims', 'axis', axis, t.rank + 1);
    const shape = [...t.shape];
    shape.splice(ax, 0, 1);
    return reshape(t, shape);
  });
}
