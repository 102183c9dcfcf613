// elu: default alpha (1) and explicit ones, away from the kink for differences, the kink at 0 with
// alpha != 1 (gradient alpha at 0, as PyTorch), large |x| (the unused exp branch must not leak NaN into
// the gradient), scalars, empty, odd sizes, NaN/Inf.

import { elu } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'elu',
  tolerance: 'elementwise',
  differentiable: [0],
  run: ([x], attrs) => elu(x, attrs.alpha as number | undefined),
  cases: [
    { name: 'default_alpha', inputs: [{ shape: [6, 7], kind: 'awayFromZero' }] },
    { name: 'alpha_0_5', inputs: [{ shape: [2, 3, 5], kind: 'awayFromZero' }], attrs: { alpha: 0.5 } },
    { name: 'alpha_2', inputs: [{ shape: [17], kind: 'awayFromZero' }], attrs: { alpha: 2 } },
    { name: 'scalar', inputs: [{ shape: [], kind: 'awayFromZero' }] },
    { name: 'size1_dims', inputs: [{ shape: [1, 9, 1], kind: 'awayFromZero' }], attrs: { alpha: 1.5 } },
    { name: 'empty', inputs: [{ shape: [0, 3] }] },
    { name: 'large_magnitudes', inputs: [{ shape: [6], values: [-300, -90, -20, 20, 90, 300] }] },
    {
      name: 'kink',
      inputs: [{ shape: [4], values: [0, -0, 1, -1] }],
      attrs: { alpha: 0.5, kink: true },
      skipFiniteDifferences: 'inputs on the kink at 0',
    },
    {
      name: 'nan_inf',
      inputs: [{ shape: [3], values: [Number.NaN, Infinity, -Infinity] }],
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
