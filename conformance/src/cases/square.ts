// square: float and int32 inputs, scalars, size-1, empty and odd sizes, large magnitudes, NaN/Inf.

import { square } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'square',
  tolerance: 'elementwise',
  differentiable: (c) => (c.inputs[0].dtype === 'int32' ? [] : [0]),
  run: ([x]) => square(x),
  cases: [
    { name: 'matrix', inputs: [{ shape: [5, 7] }] },
    { name: 'scalar', inputs: [{ shape: [] }] },
    { name: 'rank3_odd', inputs: [{ shape: [2, 3, 5], kind: 'uniform', low: -10, high: 10 }] },
    { name: 'size1_dims', inputs: [{ shape: [1, 17, 1] }] },
    { name: 'empty', inputs: [{ shape: [0, 5] }] },
    { name: 'int32', inputs: [{ shape: [3, 5], dtype: 'int32', kind: 'int', low: -50, high: 50 }] },
    {
      name: 'large',
      inputs: [{ shape: [4], values: [1e15, -3e18, 1e-15, -1e-18] }],
      skipFiniteDifferences: 'magnitudes near 1e15: the float64 check uses an absolute step of 1e-6',
    },
    {
      name: 'nan_inf',
      inputs: [{ shape: [4], values: [Number.NaN, Infinity, -Infinity, -0] }],
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
