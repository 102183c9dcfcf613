// gather: along the first, a middle and the last axis (also negative), 1-d, 2-d and 0-d index tensors,
// negative indices, repeated indices (their gradients add up), empty index lists, odd sizes, int32 data
// (forward only). Tolerance: the forward is exact, but repeated indices sum cotangents, so 'elementwise'.

import { gather } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'gather',
  tolerance: 'elementwise',
  differentiable: (c) => ((c.inputs[0].dtype ?? 'float32') === 'float32' ? [0] : []),
  run: ([x, indices], attrs) => gather(x, indices, attrs.axis as number | undefined),
  cases: [
    {
      name: 'axis0',
      inputs: [{ shape: [5, 4] }, { shape: [3], dtype: 'int32', values: [4, 0, 2] }],
      attrs: { axis: 0 },
    },
    {
      name: 'default_axis',
      inputs: [{ shape: [7, 3] }, { shape: [5], dtype: 'int32', kind: 'int', low: 0, high: 7 }],
    },
    {
      name: 'axis1',
      inputs: [{ shape: [3, 7] }, { shape: [4], dtype: 'int32', values: [6, 1, 3, 0] }],
      attrs: { axis: 1 },
    },
    {
      name: 'middle_axis_2d_indices',
      inputs: [{ shape: [2, 5, 3] }, { shape: [2, 3], dtype: 'int32', kind: 'int', low: 0, high: 5 }],
      attrs: { axis: 1 },
    },
    {
      name: 'last_axis_negative',
      inputs: [{ shape: [2, 3, 7] }, { shape: [4], dtype: 'int32', values: [0, 6, 2, 5] }],
      attrs: { axis: -1 },
    },
    {
      name: 'negative_indices',
      inputs: [{ shape: [6, 2] }, { shape: [4], dtype: 'int32', values: [-1, -6, 2, -3] }],
      attrs: { axis: 0 },
    },
    {
      name: 'repeated_indices',
      inputs: [{ shape: [4, 3] }, { shape: [6], dtype: 'int32', values: [0, 0, 2, 0, 3, 2] }],
      attrs: { axis: 0 },
    },
    {
      name: 'scalar_index',
      inputs: [{ shape: [3, 5] }, { shape: [], dtype: 'int32', values: [2] }],
      attrs: { axis: 1 },
    },
    {
      name: 'vector_17',
      inputs: [{ shape: [17] }, { shape: [3, 4], dtype: 'int32', kind: 'int', low: -17, high: 17 }],
      attrs: { axis: 0 },
    },
    {
      name: 'empty_indices',
      inputs: [{ shape: [4, 3] }, { shape: [0], dtype: 'int32' }],
      attrs: { axis: 0 },
    },
    {
      name: 'int32_data',
      inputs: [
        { shape: [4, 3], dtype: 'int32' },
        { shape: [2], dtype: 'int32', values: [3, 1] },
      ],
      attrs: { axis: 0 },
    },
  ],
});
