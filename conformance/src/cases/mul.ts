// mul: broadcasting in both orders, scalars (0-d), size-1 and empty dims, odd sizes, int32, NaN/Inf
// (0 * Inf is NaN), signed zeros.

import { mul } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'mul',
  tolerance: 'elementwise',
  differentiable: (c) => (c.inputs.some((s) => s.dtype === 'int32') ? [] : [0, 1]),
  run: ([a, b]) => mul(a, b),
  cases: [
    { name: 'same_shape_odd', inputs: [{ shape: [3, 5] }, { shape: [3, 5] }] },
    { name: 'row_broadcast', inputs: [{ shape: [4, 7] }, { shape: [7] }] },
    { name: 'row_broadcast_swapped', inputs: [{ shape: [7] }, { shape: [4, 7] }] },
    { name: 'column_and_row', inputs: [{ shape: [5, 1] }, { shape: [1, 6] }] },
    { name: 'scalar_left', inputs: [{ shape: [] }, { shape: [2, 3, 4] }] },
    { name: 'scalar_right', inputs: [{ shape: [2, 3, 4] }, { shape: [] }] },
    { name: 'rank4_size1_dims', inputs: [{ shape: [2, 1, 3, 1] }, { shape: [1, 4, 1, 5] }] },
    { name: 'empty', inputs: [{ shape: [0, 3] }, { shape: [3] }] },
    { name: 'length_33', inputs: [{ shape: [33] }, { shape: [33] }] },
    {
      name: 'int32',
      inputs: [
        { shape: [3, 5], dtype: 'int32', kind: 'int', low: -20, high: 20 },
        { shape: [3, 1], dtype: 'int32', kind: 'int', low: -20, high: 20 },
      ],
    },
    {
      name: 'nan_inf',
      inputs: [
        { shape: [6], values: [Number.NaN, Infinity, -Infinity, Infinity, 0, -0] },
        { shape: [6], values: [1, 2, 3, 0, Number.NaN, 5] },
      ],
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
