// gelu: exact (erf) and tanh-approximated forms, the default (approximate absent), the tails, scalars,
// size-1, empty and odd sizes, NaN/Inf.

import { gelu } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'gelu',
  tolerance: 'elementwise',
  differentiable: [0],
  run: ([x], attrs) => gelu(x, { approximate: attrs.approximate as 'none' | 'tanh' | undefined }),
  cases: [
    { name: 'default', inputs: [{ shape: [5, 7] }] },
    { name: 'none', inputs: [{ shape: [2, 3, 5] }], attrs: { approximate: 'none' } },
    { name: 'tanh', inputs: [{ shape: [2, 3, 5] }], attrs: { approximate: 'tanh' } },
    {
      name: 'wide_none',
      inputs: [{ shape: [33], kind: 'uniform', low: -6, high: 6 }],
      attrs: { approximate: 'none' },
    },
    {
      name: 'wide_tanh',
      inputs: [{ shape: [33], kind: 'uniform', low: -6, high: 6 }],
      attrs: { approximate: 'tanh' },
    },
    { name: 'scalar_tanh', inputs: [{ shape: [] }], attrs: { approximate: 'tanh' } },
    { name: 'size1_dims', inputs: [{ shape: [1, 9, 1] }] },
    { name: 'empty', inputs: [{ shape: [0, 3] }], attrs: { approximate: 'tanh' } },
    {
      name: 'tails_none',
      inputs: [{ shape: [6], values: [-30, -10, -5, 5, 10, 30] }],
      attrs: { approximate: 'none' },
    },
    {
      name: 'tails_tanh',
      inputs: [{ shape: [6], values: [-30, -10, -5, 5, 10, 30] }],
      attrs: { approximate: 'tanh' },
    },
    {
      name: 'nan_inf',
      inputs: [{ shape: [3], values: [Number.NaN, Infinity, -Infinity] }],
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
