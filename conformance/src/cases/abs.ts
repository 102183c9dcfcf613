// abs: away from the kink for differences, the kink itself (abs'(0) = 0, also at -0), int32 input,
// scalars, empty and odd sizes, NaN/Inf.

import { abs } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'abs',
  tolerance: 'elementwise',
  differentiable: (c) => (c.inputs[0].dtype === 'int32' ? [] : [0]),
  run: ([x]) => abs(x),
  cases: [
    { name: 'matrix', inputs: [{ shape: [6, 7], kind: 'awayFromZero' }] },
    { name: 'scalar', inputs: [{ shape: [], kind: 'awayFromZero' }] },
    { name: 'rank3_odd', inputs: [{ shape: [2, 3, 5], kind: 'awayFromZero' }] },
    { name: 'size1_dims', inputs: [{ shape: [1, 5, 1], kind: 'awayFromZero' }] },
    { name: 'length_33', inputs: [{ shape: [33], kind: 'awayFromZero' }] },
    { name: 'empty', inputs: [{ shape: [0, 4] }] },
    { name: 'int32', inputs: [{ shape: [3, 5], dtype: 'int32', kind: 'int', low: -7, high: 7 }] },
    {
      name: 'kink',
      inputs: [{ shape: [5], values: [0, -0, 1, -1, 0.5] }],
      attrs: { kink: true },
      skipFiniteDifferences: 'inputs on the kink at 0',
    },
    {
      name: 'nan_inf',
      inputs: [{ shape: [4], values: [Number.NaN, Infinity, -Infinity, -3] }],
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
