// relu: away from the kink for differences, the kink itself (relu'(0) = 0), NaN propagation.

import { relu } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'relu',
  tolerance: 'elementwise',
  differentiable: [0],
  run: ([x]) => relu(x),
  cases: [
    { name: 'matrix', inputs: [{ shape: [6, 7], kind: 'awayFromZero' }] },
    { name: 'scalar', inputs: [{ shape: [], kind: 'awayFromZero' }] },
    { name: 'rank3_odd', inputs: [{ shape: [2, 3, 5], kind: 'awayFromZero' }] },
    { name: 'empty', inputs: [{ shape: [0] }] },
    {
      name: 'kink',
      inputs: [{ shape: [4], values: [0, -0, 1, -1] }],
      attrs: { kink: true },
      skipFiniteDifferences: 'inputs on the kink',
    },
    {
      name: 'nan_inf',
      inputs: [{ shape: [3], values: [Number.NaN, Infinity, -Infinity] }],
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
