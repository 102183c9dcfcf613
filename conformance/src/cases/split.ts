// split (several outputs): an equal count, explicit sizes, a -1 size, sizes with a 0, a count of 1,
// along the first, a middle and the last axis (also negative), odd sizes, int32 data (forward only).

import { split } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'split',
  tolerance: 'exact',
  differentiable: (c) => ((c.inputs[0].dtype ?? 'float32') === 'float32' ? [0] : []),
  run: ([x], attrs) => split(x, attrs.sizesOrCount as number | number[], attrs.axis as number | undefined),
  cases: [
    { name: 'count_axis0', inputs: [{ shape: [6, 4] }], attrs: { sizesOrCount: 3, axis: 0 } },
    { name: 'count_default_axis', inputs: [{ shape: [4, 3] }], attrs: { sizesOrCount: 2 } },
    { name: 'sizes_axis1', inputs: [{ shape: [3, 7] }], attrs: { sizesOrCount: [2, 5], axis: 1 } },
    { name: 'sizes_minus1', inputs: [{ shape: [2, 7] }], attrs: { sizesOrCount: [1, -1, 2], axis: -1 } },
    { name: 'sizes_with_zero', inputs: [{ shape: [5, 2] }], attrs: { sizesOrCount: [0, 3, 2], axis: 0 } },
    { name: 'count_1', inputs: [{ shape: [3, 4] }], attrs: { sizesOrCount: 1, axis: 1 } },
    { name: 'rank3_middle', inputs: [{ shape: [2, 9, 3] }], attrs: { sizesOrCount: 3, axis: 1 } },
    { name: 'rank3_negative', inputs: [{ shape: [2, 5, 3] }], attrs: { sizesOrCount: [4, 1], axis: -2 } },
    { name: 'vector_17', inputs: [{ shape: [17] }], attrs: { sizesOrCount: [5, 12], axis: 0 } },
    { name: 'empty_other_axis', inputs: [{ shape: [0, 4] }], attrs: { sizesOrCount: 2, axis: 1 } },
    { name: 'int32', inputs: [{ shape: [6], dtype: 'int32' }], attrs: { sizesOrCount: [2, -1], axis: 0 } },
  ],
});
