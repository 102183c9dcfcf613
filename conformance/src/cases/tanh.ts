// tanh: normal inputs, saturation (|x| up to 20), scalars, size-1, empty and odd sizes, NaN/Inf.

import { tanh } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'tanh',
  tolerance: 'elementwise',
  differentiable: [0],
  run: ([x]) => tanh(x),
  cases: [
    { name: 'matrix', inputs: [{ shape: [5, 7] }] },
    { name: 'scalar', inputs: [{ shape: [] }] },
    { name: 'rank3_odd', inputs: [{ shape: [2, 3, 5], kind: 'uniform', low: -4, high: 4 }] },
    { name: 'size1_dims', inputs: [{ shape: [1, 17, 1] }] },
    { name: 'empty', inputs: [{ shape: [0, 5] }] },
    { name: 'saturation', inputs: [{ shape: [9], values: [-300, -20, -9, -3, 0, 3, 9, 20, 300] }] },
    {
      name: 'nan_inf',
      inputs: [{ shape: [3], values: [Number.NaN, Infinity, -Infinity] }],
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
