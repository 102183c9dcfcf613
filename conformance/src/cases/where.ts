// where: same shapes, every three-way broadcast pattern (condition, a or b the smaller one; all three
// different), 0-d scalars, size-1 and empty dims, odd sizes, a non-bool condition (`!= 0`), and NaN/Inf
// in the branch not taken (its gradient is 0, the output does not see it).
// Gradients go to a and b only (the condition is not differentiable).

import { where } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'where',
  tolerance: 'elementwise',
  differentiable: [1, 2],
  run: ([c, a, b]) => where(c, a, b),
  cases: [
    {
      name: 'same_shape_odd',
      inputs: [{ shape: [3, 5], dtype: 'bool' }, { shape: [3, 5] }, { shape: [3, 5] }],
    },
    {
      name: 'condition_broadcast',
      inputs: [{ shape: [7], dtype: 'bool' }, { shape: [4, 7] }, { shape: [4, 7] }],
    },
    { name: 'a_broadcast', inputs: [{ shape: [4, 7], dtype: 'bool' }, { shape: [7] }, { shape: [4, 7] }] },
    { name: 'b_broadcast', inputs: [{ shape: [4, 7], dtype: 'bool' }, { shape: [4, 7] }, { shape: [4, 1] }] },
    { name: 'three_way', inputs: [{ shape: [3, 1], dtype: 'bool' }, { shape: [1, 4] }, { shape: [] }] },
    {
      name: 'three_way_rank4',
      inputs: [{ shape: [2, 1, 3, 1], dtype: 'bool' }, { shape: [1, 4, 1, 5] }, { shape: [5] }],
    },
    {
      name: 'scalar_condition',
      inputs: [{ shape: [], dtype: 'bool', values: [false] }, { shape: [2, 3] }, { shape: [2, 3] }],
    },
    { name: 'scalar_branches', inputs: [{ shape: [2, 3, 4], dtype: 'bool' }, { shape: [] }, { shape: [] }] },
    { name: 'empty', inputs: [{ shape: [0, 3], dtype: 'bool' }, { shape: [3] }, { shape: [1] }] },
    { name: 'length_17', inputs: [{ shape: [17], dtype: 'bool' }, { shape: [17] }, { shape: [17] }] },
    {
      name: 'int32_condition',
      inputs: [
        { shape: [3, 5], dtype: 'int32', kind: 'int', low: -1, high: 2 },
        { shape: [3, 5] },
        { shape: [5] },
      ],
    },
    {
      name: 'nan_inf_in_branches',
      inputs: [
        { shape: [6], dtype: 'bool', values: [true, false, true, false, true, false] },
        { shape: [6], values: [Number.NaN, Number.NaN, Infinity, 2, 1, -Infinity] },
        { shape: [6], values: [3, 4, Number.NaN, -Infinity, Infinity, Number.NaN] },
      ],
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
