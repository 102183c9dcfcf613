// prod: all axes, one axis, several axes, negative axes, keepDims, empty axes list, scalar, empty input
// (the empty product is 1), odd lengths, zeros (one and several in a slice: the gradient is the product
// of the others, computed without division), int32, NaN/Inf.

import { prod } from '@libml/core';
import { type CaseSpec, defineSuite } from '../types.js';

/** Number of elements multiplied into each output. */
function reduced(c: CaseSpec): number {
  const shape = c.inputs[0].shape;
  const axes = c.attrs?.axes as number[] | undefined;
  const list = axes ?? shape.map((_, i) => i);
  return Math.max(
    1,
    list.reduce((n, a) => n * shape[a < 0 ? a + shape.length : a], 1),
  );
}

export default defineSuite({
  op: 'prod',
  tolerance: 'reduction',
  differentiable: (c) => (c.inputs[0].dtype === 'int32' ? [] : [0]),
  reductionLength: reduced,
  run: ([x], attrs) => prod(x, (attrs.axes as number[] | undefined) ?? undefined, !!attrs.keepDims),
  cases: [
    { name: 'all', inputs: [{ shape: [3, 5], kind: 'uniform', low: 0.6, high: 1.6 }] },
    { name: 'axis0', inputs: [{ shape: [4, 6], kind: 'uniform', low: -2, high: 2 }], attrs: { axes: [0] } },
    {
      name: 'axis_last_keep',
      inputs: [{ shape: [2, 3, 7], kind: 'uniform', low: -1.5, high: 1.5 }],
      attrs: { axes: [-1], keepDims: true },
    },
    { name: 'axes_0_2', inputs: [{ shape: [2, 3, 4, 5] }], attrs: { axes: [0, 2] } },
    { name: 'axes_negative_keep', inputs: [{ shape: [3, 4, 5] }], attrs: { axes: [-3, -1], keepDims: true } },
    { name: 'no_axes', inputs: [{ shape: [2, 3] }], attrs: { axes: [] } },
    { name: 'scalar', inputs: [{ shape: [] }] },
    { name: 'empty_axis', inputs: [{ shape: [0, 3] }], attrs: { axes: [0] } },
    { name: 'length_17', inputs: [{ shape: [17], kind: 'uniform', low: 0.7, high: 1.4 }] },
    {
      name: 'zeros',
      inputs: [{ shape: [4, 4], values: [0, 2, 3, 4, 0, 0, 5, 6, -1, 2, 0.5, 3, 0, 0, 0, 7] }],
      attrs: { axes: [1] },
    },
    {
      name: 'int32',
      inputs: [{ shape: [3, 4], dtype: 'int32', kind: 'int', low: -4, high: 5 }],
      attrs: { axes: [1] },
    },
    {
      name: 'nan_inf',
      inputs: [
        { shape: [4, 3], values: [Number.NaN, 1, 2, Infinity, 2, 3, Infinity, 0, 1, -Infinity, Infinity, 2] },
      ],
      attrs: { axes: [1] },
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
