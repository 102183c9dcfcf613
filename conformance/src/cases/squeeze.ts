// squeeze: all size-1 axes (axes absent), one axis, several axes, negative axes, to 0-d, nothing to
// remove, empty tensors, int32 data (forward only).

import { squeeze } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'squeeze',
  tolerance: 'exact',
  differentiable: (c) => ((c.inputs[0].dtype ?? 'float32') === 'float32' ? [0] : []),
  run: ([x], attrs) => squeeze(x, attrs.axes as number[] | undefined),
  cases: [
    { name: 'all', inputs: [{ shape: [1, 3, 1, 5] }] },
    { name: 'axis0', inputs: [{ shape: [1, 3, 1, 5] }], attrs: { axes: [0] } },
    { name: 'axis_negative', inputs: [{ shape: [1, 3, 1, 5] }], attrs: { axes: [-2] } },
    { name: 'two_axes', inputs: [{ shape: [1, 7, 1] }], attrs: { axes: [0, 2] } },
    { name: 'to_scalar', inputs: [{ shape: [1, 1] }] },
    { name: 'vector_to_scalar', inputs: [{ shape: [1] }], attrs: { axes: [0] } },
    { name: 'nothing_to_remove', inputs: [{ shape: [3, 4] }] },
    { name: 'empty_axes_list', inputs: [{ shape: [1, 4] }], attrs: { axes: [] } },
    { name: 'empty', inputs: [{ shape: [0, 1, 3] }], attrs: { axes: [1] } },
    { name: 'int32', inputs: [{ shape: [2, 1, 3], dtype: 'int32' }] },
  ],
});
