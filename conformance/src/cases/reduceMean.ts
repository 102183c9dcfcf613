// reduceMean: all axes, one axis, several axes, negative axes, keepDims, empty axes list, scalar, an
// empty reduction (NaN) and an empty kept axis, odd lengths, int32 and bool inputs (float32 results).

import { reduceMean } from '@libml/core';
import { type CaseSpec, defineSuite } from '../types.js';

/** Number of elements averaged into each output. */
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
  op: 'reduceMean',
  tolerance: 'reduction',
  differentiable: (c) => ((c.inputs[0].dtype ?? 'float32') === 'float32' ? [0] : []),
  reductionLength: reduced,
  run: ([x], attrs) => reduceMean(x, (attrs.axes as number[] | undefined) ?? undefined, !!attrs.keepDims),
  cases: [
    { name: 'all', inputs: [{ shape: [3, 5] }] },
    { name: 'axis0', inputs: [{ shape: [4, 6] }], attrs: { axes: [0] } },
    { name: 'axis_last_keep', inputs: [{ shape: [2, 3, 7] }], attrs: { axes: [-1], keepDims: true } },
    { name: 'axes_0_2', inputs: [{ shape: [2, 3, 4, 5] }], attrs: { axes: [0, 2] } },
    { name: 'axes_negative_keep', inputs: [{ shape: [3, 4, 5] }], attrs: { axes: [-3, -1], keepDims: true } },
    { name: 'no_axes', inputs: [{ shape: [2, 3] }], attrs: { axes: [] } },
    { name: 'scalar', inputs: [{ shape: [] }] },
    {
      name: 'empty_reduction',
      inputs: [{ shape: [0, 3] }],
      attrs: { axes: [0] },
      skipFiniteDifferences: 'the mean of nothing is NaN',
    },
    { name: 'empty_kept_axis', inputs: [{ shape: [0, 3] }], attrs: { axes: [1] } },
    { name: 'length_33', inputs: [{ shape: [33] }] },
    { name: 'length_257', inputs: [{ shape: [257] }] },
    {
      name: 'int32',
      inputs: [{ shape: [3, 5], dtype: 'int32', kind: 'int', low: -9, high: 9 }],
      attrs: { axes: [1] },
    },
    { name: 'bool', inputs: [{ shape: [4, 7], dtype: 'bool' }], attrs: { axes: [0] } },
    {
      name: 'nan_inf',
      inputs: [{ shape: [3, 3], values: [Number.NaN, 1, 2, Infinity, 1, 2, Infinity, -Infinity, 0] }],
      attrs: { axes: [1] },
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
