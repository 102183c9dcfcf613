// min: all axes, one axis, several axes, negative axes, keepDims, empty axes list, scalar, an empty
// non-reduced axis, odd lengths, int32; ties (the gradient is shared equally among tied minima, so 1/2
// and 1/3 shares) and NaN/Inf (NaN propagates; a NaN slice gets NaN gradients).
// Tolerance: the forward is exact, but tie shares such as 1/3 are not, so 'elementwise'.

import { min } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'min',
  tolerance: 'elementwise',
  differentiable: (c) => (c.inputs[0].dtype === 'int32' ? [] : [0]),
  run: ([x], attrs) => min(x, (attrs.axes as number[] | undefined) ?? undefined, !!attrs.keepDims),
  cases: [
    { name: 'all', inputs: [{ shape: [3, 5] }] },
    { name: 'axis0', inputs: [{ shape: [4, 7] }], attrs: { axes: [0] } },
    { name: 'axis_last_keep', inputs: [{ shape: [2, 3, 7] }], attrs: { axes: [-1], keepDims: true } },
    { name: 'axes_0_2', inputs: [{ shape: [2, 3, 4, 3] }], attrs: { axes: [0, 2] } },
    { name: 'axes_negative_keep', inputs: [{ shape: [2, 4, 5] }], attrs: { axes: [-3, -1], keepDims: true } },
    { name: 'no_axes', inputs: [{ shape: [2, 3] }], attrs: { axes: [] } },
    { name: 'scalar', inputs: [{ shape: [] }] },
    { name: 'empty_kept_axis', inputs: [{ shape: [0, 3] }], attrs: { axes: [1] } },
    { name: 'length_33', inputs: [{ shape: [33] }] },
    {
      name: 'int32',
      inputs: [{ shape: [3, 5], dtype: 'int32', kind: 'int', low: -9, high: 9 }],
      attrs: { axes: [1] },
    },
    {
      name: 'ties_random',
      inputs: [{ shape: [4, 5], kind: 'int', low: -1, high: 2 }],
      attrs: { axes: [1], kink: true },
      skipFiniteDifferences: 'tied extrema: not differentiable',
    },
    {
      name: 'ties_explicit',
      inputs: [{ shape: [3, 4], values: [3, 3, 1, 3, -2, -2, -5, -5, 0, -0, 0, 1] }],
      attrs: { axes: [1], kink: true },
      skipFiniteDifferences: 'tied extrema: not differentiable',
    },
    {
      name: 'ties_all_axes',
      inputs: [{ shape: [2, 3], values: [1, 2, 2, 2, 1, 1] }],
      attrs: { kink: true },
      skipFiniteDifferences: 'tied extrema: not differentiable',
    },
    {
      name: 'nan_inf',
      inputs: [
        {
          shape: [5, 3],
          values: [
            Number.NaN,
            1,
            2,
            Infinity,
            1,
            2,
            -Infinity,
            -Infinity,
            -Infinity,
            1,
            Number.NaN,
            Infinity,
            -Infinity,
            0,
            Infinity,
          ],
        },
      ],
      attrs: { axes: [1] },
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
