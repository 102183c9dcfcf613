// div: broadcasting in both orders, scalars (0-d), size-1 and empty dims, odd sizes, divisors away from
// 0 for differences, int32 / int32 (true division to float32), division by +-0, NaN/Inf.

import { div } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'div',
  tolerance: 'elementwise',
  differentiable: (c) => (c.inputs.some((s) => s.dtype === 'int32') ? [] : [0, 1]),
  run: ([a, b]) => div(a, b),
  cases: [
    { name: 'same_shape_odd', inputs: [{ shape: [3, 5] }, { shape: [3, 5], kind: 'awayFromZero' }] },
    { name: 'row_broadcast', inputs: [{ shape: [4, 7] }, { shape: [7], kind: 'awayFromZero' }] },
    { name: 'row_broadcast_swapped', inputs: [{ shape: [7] }, { shape: [4, 7], kind: 'awayFromZero' }] },
    { name: 'column_and_row', inputs: [{ shape: [5, 1] }, { shape: [1, 6], kind: 'awayFromZero' }] },
    { name: 'scalar_left', inputs: [{ shape: [] }, { shape: [2, 3, 4], kind: 'awayFromZero' }] },
    { name: 'scalar_right', inputs: [{ shape: [2, 3, 4] }, { shape: [], kind: 'awayFromZero' }] },
    {
      name: 'rank4_size1_dims',
      inputs: [{ shape: [2, 1, 3, 1] }, { shape: [1, 4, 1, 5], kind: 'awayFromZero' }],
    },
    { name: 'empty', inputs: [{ shape: [0, 3] }, { shape: [3], kind: 'awayFromZero' }] },
    { name: 'length_17', inputs: [{ shape: [17] }, { shape: [17], kind: 'awayFromZero' }] },
    {
      name: 'int32_true_division',
      inputs: [
        { shape: [3, 5], dtype: 'int32', kind: 'int', low: -20, high: 20 },
        { shape: [5], dtype: 'int32', values: [3, -7, 2, 9, -4] },
      ],
    },
    {
      name: 'by_zero_nan_inf',
      inputs: [
        { shape: [8], values: [1, -1, 0, Number.NaN, Infinity, Infinity, 2, -0] },
        { shape: [8], values: [0, 0, 0, 1, 2, Infinity, Number.NaN, -0] },
      ],
      skipFiniteDifferences: 'non-finite inputs and outputs',
    },
  ],
});
