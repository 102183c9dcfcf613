// log: positive inputs (away from 0 for differences), a wide range, scalars, size-1, empty and odd sizes,
// values near float32's limits, and log of 0, -0, negatives, NaN and +-Inf.

import { log } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'log',
  tolerance: 'elementwise',
  differentiable: [0],
  run: ([x]) => log(x),
  cases: [
    { name: 'matrix', inputs: [{ shape: [5, 7], kind: 'positive' }] },
    { name: 'scalar', inputs: [{ shape: [], kind: 'positive' }] },
    { name: 'wide_range', inputs: [{ shape: [2, 3, 5], kind: 'uniform', low: 0.05, high: 100 }] },
    { name: 'size1_dims', inputs: [{ shape: [1, 17, 1], kind: 'positive' }] },
    { name: 'empty', inputs: [{ shape: [0, 3], kind: 'positive' }] },
    {
      name: 'near_limits',
      inputs: [{ shape: [6], values: [1e-30, 1e-10, 1, 1e10, 1e30, 3e38] }],
      skipFiniteDifferences: 'the step 2^-8 |x| is too coarse for log at these magnitudes',
    },
    {
      name: 'zero_negative_nan_inf',
      inputs: [{ shape: [6], values: [0, -0, -1, Number.NaN, Infinity, -Infinity] }],
      skipFiniteDifferences: 'non-finite outputs',
    },
  ],
});
