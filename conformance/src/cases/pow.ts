// pow: positive bases (log a is defined for d/db), broadcasting in both orders, scalar exponents, size-1
// and empty dims, odd sizes, negative bases with integer exponents (only d/da exists), zero bases
// (d/db taken as 0 where a = 0 and b >= 0), NaN/Inf.

import { pow } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'pow',
  tolerance: 'elementwise',
  differentiable: (c) => (c.name === 'negative_base_integer_exponent' ? [0] : [0, 1]),
  run: ([a, b]) => pow(a, b),
  cases: [
    { name: 'same_shape_odd', inputs: [{ shape: [3, 5], kind: 'positive' }, { shape: [3, 5] }] },
    { name: 'row_broadcast', inputs: [{ shape: [4, 7], kind: 'positive' }, { shape: [7] }] },
    { name: 'row_broadcast_swapped', inputs: [{ shape: [7], kind: 'positive' }, { shape: [4, 7] }] },
    { name: 'column_and_row', inputs: [{ shape: [5, 1], kind: 'positive' }, { shape: [1, 6] }] },
    { name: 'scalar_base', inputs: [{ shape: [], kind: 'positive' }, { shape: [2, 3, 4] }] },
    {
      name: 'scalar_exponent',
      inputs: [
        { shape: [2, 3, 4], kind: 'positive' },
        { shape: [], values: [2.5] },
      ],
    },
    {
      name: 'rank4_size1_dims',
      inputs: [{ shape: [2, 1, 3, 1], kind: 'positive' }, { shape: [1, 4, 1, 5] }],
    },
    { name: 'empty', inputs: [{ shape: [0, 3], kind: 'positive' }, { shape: [3] }] },
    {
      name: 'wide_bases',
      inputs: [
        { shape: [17], kind: 'uniform', low: 0.1, high: 10 },
        { shape: [17], kind: 'uniform', low: -3, high: 3 },
      ],
    },
    {
      name: 'negative_base_integer_exponent',
      inputs: [
        { shape: [3, 5], kind: 'awayFromZero' },
        { shape: [5], values: [-3, -1, 1, 2, 3] },
      ],
    },
    {
      name: 'zero_base',
      inputs: [
        { shape: [5], values: [0, 0, 0, 0, 0] },
        { shape: [5], values: [0, 0.5, 1, 2, 3] },
      ],
      skipFiniteDifferences: 'base at 0, where pow is not smooth in the base',
    },
    {
      name: 'nan_inf',
      inputs: [
        { shape: [8], values: [Number.NaN, 2, Infinity, 2, 0.5, -1, Number.NaN, Infinity] },
        { shape: [8], values: [2, Number.NaN, 2, Infinity, Infinity, 0.5, 0, -1] },
      ],
      skipFiniteDifferences: 'non-finite inputs and outputs',
    },
  ],
});
