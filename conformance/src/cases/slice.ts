// slice: begin and size per axis, size -1 (to the end), size absent, negative begin, begin shorter than
// the rank, empty results, the full tensor, rank 1 and 3, odd sizes, int32 data (forward only).

import { slice } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'slice',
  tolerance: 'exact',
  differentiable: (c) => ((c.inputs[0].dtype ?? 'float32') === 'float32' ? [0] : []),
  run: ([x], attrs) => slice(x, attrs.begin as number[], attrs.size as number[] | undefined),
  cases: [
    { name: 'block', inputs: [{ shape: [5, 7] }], attrs: { begin: [1, 2], size: [3, 4] } },
    { name: 'size_minus1', inputs: [{ shape: [5, 7] }], attrs: { begin: [2, 3], size: [-1, 2] } },
    { name: 'size_absent', inputs: [{ shape: [5, 7] }], attrs: { begin: [1, 5] } },
    { name: 'negative_begin', inputs: [{ shape: [5, 7] }], attrs: { begin: [-2, -5], size: [2, 3] } },
    { name: 'begin_shorter_than_rank', inputs: [{ shape: [4, 3, 5] }], attrs: { begin: [1], size: [2] } },
    { name: 'rank3', inputs: [{ shape: [2, 5, 7] }], attrs: { begin: [0, 1, 2], size: [2, -1, 3] } },
    { name: 'vector_17', inputs: [{ shape: [17] }], attrs: { begin: [3], size: [11] } },
    { name: 'full', inputs: [{ shape: [3, 4] }], attrs: { begin: [0, 0], size: [3, 4] } },
    { name: 'single_element', inputs: [{ shape: [3, 4] }], attrs: { begin: [2, 3], size: [1, 1] } },
    { name: 'empty_result', inputs: [{ shape: [4, 5] }], attrs: { begin: [1, 2], size: [0, 3] } },
    { name: 'begin_at_end', inputs: [{ shape: [4, 5] }], attrs: { begin: [4, 0], size: [-1, -1] } },
    { name: 'int32', inputs: [{ shape: [4, 6], dtype: 'int32' }], attrs: { begin: [1, 1], size: [2, 4] } },
  ],
});
