// sum: all axes, one axis, several axes, negative axes, keepDims, empty axes list, empty input.

import { sum } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'sum',
  tolerance: 'reduction',
  differentiable: [0],
  run: ([x], attrs) => sum(x, (attrs.axes as number[] | null | undefined) ?? undefined, !!attrs.keepDims),
  cases: [
    { name: 'all', inputs: [{ shape: [3, 5] }] },
    { name: 'axis0', inputs: [{ shape: [4, 6] }], attrs: { axes: [0] } },
    { name: 'axis_last_keep', inputs: [{ shape: [2, 3, 7] }], attrs: { axes: [-1], keepDims: true } },
    { name: 'axes_0_2', inputs: [{ shape: [2, 3, 4, 5] }], attrs: { axes: [0, 2] } },
    { name: 'no_axes', inputs: [{ shape: [2, 3] }], attrs: { axes: [] } },
    { name: 'scalar', inputs: [{ shape: [] }] },
    { name: 'empty_axis', inputs: [{ shape: [0, 3] }], attrs: { axes: [0] } },
    { name: 'length_33', inputs: [{ shape: [33] }] },
  ],
});
