// broadcastTo: adding leading axes, stretching size-1 axes (leading, middle, trailing), from 0-d, to the
// same shape, to an empty shape, odd sizes, int32 data (forward only).
// Tolerance: the forward is exact, but the gradient sums over the broadcast axes, so 'reduction' with
// the number of copies of each input element.

import { broadcastTo } from '@libml/core';
import { type CaseSpec, defineSuite } from '../types.js';

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export default defineSuite({
  op: 'broadcastTo',
  tolerance: 'reduction',
  differentiable: (c) => ((c.inputs[0].dtype ?? 'float32') === 'float32' ? [0] : []),
  reductionLength: (c: CaseSpec) =>
    Math.max(1, sizeOf(c.attrs?.shape as number[]) / Math.max(1, sizeOf(c.inputs[0].shape))),
  run: ([x], attrs) => broadcastTo(x, attrs.shape as number[]),
  cases: [
    { name: 'leading_axis', inputs: [{ shape: [3] }], attrs: { shape: [4, 3] } },
    { name: 'trailing_size1', inputs: [{ shape: [4, 1] }], attrs: { shape: [4, 5] } },
    { name: 'middle_size1', inputs: [{ shape: [2, 1, 3] }], attrs: { shape: [2, 7, 3] } },
    { name: 'several', inputs: [{ shape: [1, 3, 1] }], attrs: { shape: [2, 3, 4] } },
    { name: 'leading_and_size1', inputs: [{ shape: [5, 1, 1] }], attrs: { shape: [2, 5, 3, 3] } },
    { name: 'scalar', inputs: [{ shape: [] }], attrs: { shape: [2, 3] } },
    { name: 'same_shape', inputs: [{ shape: [3, 4] }], attrs: { shape: [3, 4] } },
    { name: 'to_empty', inputs: [{ shape: [1, 3] }], attrs: { shape: [0, 3] } },
    { name: 'length_17_rows', inputs: [{ shape: [17] }], attrs: { shape: [9, 17] } },
    { name: 'int32', inputs: [{ shape: [3, 1], dtype: 'int32' }], attrs: { shape: [2, 3, 5] } },
  ],
});
