// matmul: plain, odd sizes, transposes of either side, broadcast batch dims, vectors.

import { matmul } from '@libml/core';
import { defineSuite } from '../types.js';

const run = defineSuite({
  op: 'matmul',
  tolerance: 'reduction',
  differentiable: [0, 1],
  reductionLength: (c) => {
    const a = c.inputs[0].shape;
    const transposeA = (c.attrs?.transposeA as boolean | undefined) ?? false;
    return a.length === 1 ? a[0] : transposeA ? a[a.length - 2] : a[a.length - 1];
  },
  run: ([a, b], attrs) => matmul(a, b, { transposeA: !!attrs.transposeA, transposeB: !!attrs.transposeB }),
  cases: [
    { name: 'square_4', inputs: [{ shape: [4, 4] }, { shape: [4, 4] }] },
    { name: 'odd_5x7x3', inputs: [{ shape: [5, 7] }, { shape: [7, 3] }] },
    { name: 'transpose_a', inputs: [{ shape: [7, 5] }, { shape: [7, 3] }], attrs: { transposeA: true } },
    { name: 'transpose_b', inputs: [{ shape: [5, 7] }, { shape: [3, 7] }], attrs: { transposeB: true } },
    {
      name: 'transpose_both',
      inputs: [{ shape: [7, 5] }, { shape: [3, 7] }],
      attrs: { transposeA: true, transposeB: true },
    },
    { name: 'batched', inputs: [{ shape: [2, 3, 4] }, { shape: [2, 4, 5] }] },
    { name: 'broadcast_batch', inputs: [{ shape: [2, 1, 3, 4] }, { shape: [3, 4, 2] }] },
    {
      name: 'broadcast_batch_transpose',
      inputs: [{ shape: [3, 4, 6] }, { shape: [2, 1, 5, 4] }],
      attrs: { transposeA: true, transposeB: true },
    },
    { name: 'vector_matrix', inputs: [{ shape: [4] }, { shape: [4, 3] }] },
    { name: 'matrix_vector', inputs: [{ shape: [3, 4] }, { shape: [4] }] },
    { name: 'inner_17', inputs: [{ shape: [3, 17] }, { shape: [17, 9] }] },
    { name: 'empty_inner', inputs: [{ shape: [3, 0] }, { shape: [0, 2] }] },
  ],
});
export default run;
