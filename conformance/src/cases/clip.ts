// clip: both bounds, one bound, neither, min > max (the result is max), scalars, size-1 and empty dims,
// odd sizes, int32; inputs at the bounds (the gradient there goes to x, as PyTorch) and NaN/Inf.
// Random inputs are drawn so that none lies within a finite-difference step of a bound.
// Forward and gradient (0 or the cotangent) are both exact.

import { clip } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'clip',
  tolerance: 'exact',
  differentiable: (c) => (c.inputs[0].dtype === 'int32' ? [] : [0]),
  run: ([x], attrs) => clip(x, attrs.min as number | undefined, attrs.max as number | undefined),
  cases: [
    {
      name: 'both_bounds',
      inputs: [{ shape: [5, 7], kind: 'uniform', low: -2, high: 2 }],
      attrs: { min: -0.5, max: 0.75 },
    },
    {
      name: 'min_only',
      inputs: [{ shape: [2, 3, 5], kind: 'uniform', low: -2, high: 2 }],
      attrs: { min: 0.3 },
    },
    { name: 'max_only', inputs: [{ shape: [17], kind: 'uniform', low: -2, high: 2 }], attrs: { max: -0.2 } },
    { name: 'no_bounds', inputs: [{ shape: [3, 4] }] },
    {
      name: 'min_above_max',
      inputs: [{ shape: [9], kind: 'uniform', low: -2, high: 2 }],
      attrs: { min: 1, max: -1 },
    },
    { name: 'scalar', inputs: [{ shape: [] }], attrs: { min: -0.25, max: 0.25 } },
    {
      name: 'size1_dims',
      inputs: [{ shape: [1, 9, 1], kind: 'uniform', low: -2, high: 2 }],
      attrs: { min: -1, max: 1 },
    },
    { name: 'empty', inputs: [{ shape: [0, 3] }], attrs: { min: -1, max: 1 } },
    {
      name: 'int32',
      inputs: [{ shape: [3, 5], dtype: 'int32', kind: 'int', low: -9, high: 9 }],
      attrs: { min: -3, max: 4 },
    },
    {
      // One bound: the other side stays open and the dtype int32 (no float32 infinity bound).
      name: 'int32_min_only',
      inputs: [{ shape: [7], dtype: 'int32', kind: 'int', low: -9, high: 9 }],
      attrs: { min: -2 },
    },
    {
      name: 'int32_max_only',
      inputs: [{ shape: [2, 3], dtype: 'int32', kind: 'int', low: -9, high: 9 }],
      attrs: { max: 1 },
    },
    {
      name: 'at_bounds',
      inputs: [{ shape: [6], values: [-1, 1, -1, 1, 0, 2] }],
      attrs: { min: -1, max: 1, kink: true },
      skipFiniteDifferences: 'inputs on the bounds, where clip is not differentiable',
    },
    {
      name: 'nan_inf',
      inputs: [{ shape: [4], values: [Number.NaN, Infinity, -Infinity, 0.5] }],
      attrs: { min: -1, max: 1 },
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
