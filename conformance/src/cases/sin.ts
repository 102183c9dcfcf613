// sin: normal and moderately large arguments (|x| < 20), scalars, size-1, empty and odd sizes, NaN/Inf
// (sin(+-Inf) is NaN).

import { sin } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'sin',
  tolerance: 'elementwise',
  differentiable: [0],
  run: ([x]) => sin(x),
  cases: [
    { name: 'matrix', inputs: [{ shape: [5, 7] }] },
    { name: 'scalar', inputs: [{ shape: [] }] },
    { name: 'rank3_odd', inputs: [{ shape: [2, 3, 5], kind: 'uniform', low: -7, high: 7 }] },
    { name: 'larger_arguments', inputs: [{ shape: [17], kind: 'uniform', low: -20, high: 20 }] },
    { name: 'size1_dims', inputs: [{ shape: [1, 9, 1] }] },
    { name: 'empty', inputs: [{ shape: [0, 5] }] },
    {
      name: 'special_values',
      inputs: [{ shape: [6], values: [0, -0, Math.PI / 2, Math.PI, -Math.PI / 2, 2 * Math.PI] }],
    },
    {
      name: 'nan_inf',
      inputs: [{ shape: [3], values: [Number.NaN, Infinity, -Infinity] }],
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
