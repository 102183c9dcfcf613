// sigmoid: normal and wide inputs, saturation at +-300 (no overflow to NaN), scalars, size-1, empty and
// odd sizes, NaN/Inf.

import { sigmoid } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'sigmoid',
  tolerance: 'elementwise',
  differentiable: [0],
  run: ([x]) => sigmoid(x),
  cases: [
    { name: 'matrix', inputs: [{ shape: [5, 7] }] },
    { name: 'scalar', inputs: [{ shape: [] }] },
    { name: 'wide_range', inputs: [{ shape: [2, 3, 5], kind: 'uniform', low: -8, high: 8 }] },
    { name: 'size1_dims', inputs: [{ shape: [1, 33, 1] }] },
    { name: 'empty', inputs: [{ shape: [0, 5] }] },
    { name: 'saturation_300', inputs: [{ shape: [9], values: [-300, -100, -30, -1, 0, 1, 30, 100, 300] }] },
    {
      name: 'nan_inf',
      inputs: [{ shape: [3], values: [Number.NaN, Infinity, -Infinity] }],
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
