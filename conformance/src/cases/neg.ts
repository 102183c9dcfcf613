// neg: float and int32 inputs, scalars, size-1, empty and odd sizes, signed zeros, NaN/Inf.

import { neg } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'neg',
  tolerance: 'elementwise',
  differentiable: (c) => (c.inputs[0].dtype === 'int32' ? [] : [0]),
  run: ([x]) => neg(x),
  cases: [
    { name: 'matrix', inputs: [{ shape: [5, 7] }] },
    { name: 'scalar', inputs: [{ shape: [] }] },
    { name: 'rank3_odd', inputs: [{ shape: [2, 3, 5] }] },
    { name: 'size1_dims', inputs: [{ shape: [1, 17, 1] }] },
    { name: 'empty', inputs: [{ shape: [0, 5] }] },
    { name: 'int32', inputs: [{ shape: [3, 5], dtype: 'int32', kind: 'int', low: -9, high: 9 }] },
    {
      name: 'nan_inf_zeros',
      inputs: [{ shape: [5], values: [Number.NaN, Infinity, -Infinity, 0, -0] }],
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
