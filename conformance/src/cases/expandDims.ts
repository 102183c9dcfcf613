// expandDims: at the front, the middle, the end (axis = rank), negative axes, from 0-d, empty tensors,
// int32 data (forward only).

import { expandDims } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'expandDims',
  tolerance: 'exact',
  differentiable: (c) => ((c.inputs[0].dtype ?? 'float32') === 'float32' ? [0] : []),
  run: ([x], attrs) => expandDims(x, attrs.axis as number | undefined),
  cases: [
    { name: 'front', inputs: [{ shape: [3, 5] }], attrs: { axis: 0 } },
    { name: 'default_axis', inputs: [{ shape: [7] }] },
    { name: 'middle', inputs: [{ shape: [3, 5] }], attrs: { axis: 1 } },
    { name: 'end', inputs: [{ shape: [3, 5] }], attrs: { axis: 2 } },
    { name: 'negative_last', inputs: [{ shape: [2, 3, 4] }], attrs: { axis: -1 } },
    { name: 'negative_first', inputs: [{ shape: [3, 5] }], attrs: { axis: -3 } },
    { name: 'scalar', inputs: [{ shape: [] }], attrs: { axis: 0 } },
    { name: 'empty', inputs: [{ shape: [0, 3] }], attrs: { axis: 1 } },
    { name: 'int32', inputs: [{ shape: [17], dtype: 'int32' }], attrs: { axis: -1 } },
  ],
});
