// leakyRelu: default alpha (0.01) and explicit ones (including > 1 and negative), away from the kink for
// differences, the kink itself (gradient alpha at 0, as PyTorch), scalars, empty, odd sizes, NaN/Inf.

import { leakyRelu } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'leakyRelu',
  tolerance: 'elementwise',
  differentiable: [0],
  run: ([x], attrs) => leakyRelu(x, attrs.alpha as number | undefined),
  cases: [
    { name: 'default_alpha', inputs: [{ shape: [6, 7], kind: 'awayFromZero' }] },
    { name: 'alpha_0_2', inputs: [{ shape: [2, 3, 5], kind: 'awayFromZero' }], attrs: { alpha: 0.2 } },
    { name: 'alpha_1_5', inputs: [{ shape: [17], kind: 'awayFromZero' }], attrs: { alpha: 1.5 } },
    { name: 'alpha_negative', inputs: [{ shape: [4, 5], kind: 'awayFromZero' }], attrs: { alpha: -0.3 } },
    { name: 'scalar', inputs: [{ shape: [], kind: 'awayFromZero' }], attrs: { alpha: 0.1 } },
    { name: 'size1_dims', inputs: [{ shape: [1, 9, 1], kind: 'awayFromZero' }] },
    { name: 'empty', inputs: [{ shape: [0, 3] }], attrs: { alpha: 0.1 } },
    {
      name: 'kink',
      inputs: [{ shape: [4], values: [0, -0, 1, -1] }],
      attrs: { alpha: 0.1, kink: true },
      skipFiniteDifferences: 'inputs on the kink at 0',
    },
    {
      name: 'nan_inf',
      inputs: [{ shape: [3], values: [Number.NaN, Infinity, -Infinity] }],
      attrs: { alpha: 0.1 },
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
