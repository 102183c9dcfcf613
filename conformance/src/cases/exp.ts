// exp: normal and wide ranges, scalars, size-1, empty and odd sizes, values near float32's limits
// (underflow towards 0, up to e^80), NaN/Inf.

import { exp } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'exp',
  tolerance: 'elementwise',
  differentiable: [0],
  run: ([x]) => exp(x),
  cases: [
    { name: 'matrix', inputs: [{ shape: [5, 7] }] },
    { name: 'scalar', inputs: [{ shape: [] }] },
    { name: 'wide_range', inputs: [{ shape: [2, 3, 5], kind: 'uniform', low: -8, high: 8 }] },
    { name: 'size1_dims', inputs: [{ shape: [1, 17, 1] }] },
    { name: 'empty', inputs: [{ shape: [3, 0] }] },
    {
      name: 'near_limits',
      inputs: [{ shape: [7], values: [-100, -87, -40, -20, 20, 40, 80] }],
      skipFiniteDifferences: 'at |x| >= 20 the step 2^-8 |x| is too coarse for e^x',
    },
    {
      name: 'nan_inf',
      inputs: [{ shape: [4], values: [Number.NaN, Infinity, -Infinity, 0] }],
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
