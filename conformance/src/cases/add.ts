// add: broadcasting in both orders, scalars (0-d), size-1 and empty dims, odd sizes, NaN/Inf.

import { add } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'add',
  tolerance: 'elementwise',
  differentiable: [0, 1],
  run: ([a, b]) => add(a, b),
  cases: [
    { name: 'same_shape_odd', inputs: [{ shape: [3, 5] }, { shape: [3, 5] }] },
    { name: 'row_broadcast', inputs: [{ shape: [4, 7] }, { shape: [7] }] },
    { name: 'row_broadcast_swapped', inputs: [{ shape: [7] }, { shape: [4, 7] }] },
    { name: 'column_and_row', inputs: [{ shape: [5, 1] }, { shape: [1, 6] }] },
    { name: 'scalar_left', inputs: [{ shape: [] }, { shape: [2, 3, 4] }] },
    { name: 'scalar_right', inputs: [{ shape: [2, 3, 4] }, { shape: [] }] },
    { name: 'rank4_size1_dims', inputs: [{ shape: [2, 1, 3, 1] }, { shape: [1, 4, 1, 5] }] },
    { name: 'empty', inputs: [{ shape: [0, 3] }, { shape: [3] }] },
    { name: 'length_17', inputs: [{ shape: [17] }, { shape: [17] }] },
    {
      name: 'nan_inf',
      inputs: [
        { shape: [5], values: [Number.NaN, Infinity, -Infinity, Infinity, 1] },
        { shape: [5], values: [1, 2, 3, -Infinity, Number.NaN] },
      ],
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
