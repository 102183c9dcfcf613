// reshape: to another rank, with an inferred -1 dimension, to and from 0-d, size-1 dims, empty tensors,
// odd sizes, int32 and bool data (forward only).

import { reshape } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'reshape',
  tolerance: 'exact',
  differentiable: (c) => ((c.inputs[0].dtype ?? 'float32') === 'float32' ? [0] : []),
  run: ([x], attrs) => reshape(x, attrs.shape as number[]),
  cases: [
    { name: 'matrix_transposed_shape', inputs: [{ shape: [3, 4] }], attrs: { shape: [4, 3] } },
    { name: 'flatten', inputs: [{ shape: [2, 3, 4] }], attrs: { shape: [24] } },
    { name: 'infer_last', inputs: [{ shape: [2, 3, 4] }], attrs: { shape: [6, -1] } },
    { name: 'infer_middle', inputs: [{ shape: [2, 3, 5] }], attrs: { shape: [5, -1, 2] } },
    { name: 'unflatten_odd', inputs: [{ shape: [35] }], attrs: { shape: [5, 7] } },
    { name: 'scalar_to_size1', inputs: [{ shape: [] }], attrs: { shape: [1, 1] } },
    { name: 'size1_to_scalar', inputs: [{ shape: [1, 1, 1] }], attrs: { shape: [] } },
    { name: 'add_size1_dims', inputs: [{ shape: [3, 5] }], attrs: { shape: [1, 3, 1, 5, 1] } },
    { name: 'empty', inputs: [{ shape: [0, 3] }], attrs: { shape: [3, 0, 2] } },
    { name: 'int32', inputs: [{ shape: [2, 6], dtype: 'int32' }], attrs: { shape: [3, 4] } },
    { name: 'bool', inputs: [{ shape: [2, 6], dtype: 'bool' }], attrs: { shape: [4, -1] } },
  ],
});
