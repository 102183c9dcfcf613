// erf: normal inputs, the tails (|x| up to 6, where erf saturates), scalars, size-1, empty and odd sizes,
// NaN/Inf.

import { erf } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'erf',
  tolerance: 'elementwise',
  differentiable: [0],
  run: ([x]) => erf(x),
  cases: [
    { name: 'matrix', inputs: [{ shape: [5, 7] }] },
    { name: 'scalar', inputs: [{ shape: [] }] },
    { name: 'rank3_odd', inputs: [{ shape: [2, 3, 5], kind: 'uniform', low: -3, high: 3 }] },
    { name: 'size1_dims', inputs: [{ shape: [1, 17, 1] }] },
    { name: 'empty', inputs: [{ shape: [0, 5] }] },
    { name: 'tails', inputs: [{ shape: [8], values: [-6, -4, -2.5, -0.001, 0.001, 2.5, 4, 6] }] },
    {
      name: 'nan_inf',
      inputs: [{ shape: [3], values: [Number.NaN, Infinity, -Infinity] }],
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
