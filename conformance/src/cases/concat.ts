// concat: two and three inputs, along the first, a middle and the last axis (also negative), differing
// sizes on the axis (odd ones), a single input, an empty input in the list, int32 data (forward only).

import { concat } from '@libml/core';
import { type CaseSpec, defineSuite } from '../types.js';

const all = (c: CaseSpec) => c.inputs.map((_, i) => i);

export default defineSuite({
  op: 'concat',
  tolerance: 'exact',
  differentiable: (c) => (c.inputs.every((s) => (s.dtype ?? 'float32') === 'float32') ? all(c) : []),
  run: (xs, attrs) => concat(xs, attrs.axis as number | undefined),
  cases: [
    { name: 'axis0', inputs: [{ shape: [2, 3] }, { shape: [3, 3] }], attrs: { axis: 0 } },
    { name: 'default_axis', inputs: [{ shape: [1, 4] }, { shape: [2, 4] }] },
    { name: 'axis1', inputs: [{ shape: [2, 3] }, { shape: [2, 5] }], attrs: { axis: 1 } },
    {
      name: 'three_middle',
      inputs: [{ shape: [2, 3, 4] }, { shape: [2, 1, 4] }, { shape: [2, 2, 4] }],
      attrs: { axis: 1 },
    },
    { name: 'negative_axis', inputs: [{ shape: [2, 3, 2] }, { shape: [2, 3, 5] }], attrs: { axis: -1 } },
    { name: 'vectors_odd', inputs: [{ shape: [17] }, { shape: [5] }, { shape: [1] }], attrs: { axis: 0 } },
    { name: 'single', inputs: [{ shape: [3, 4] }], attrs: { axis: 1 } },
    {
      name: 'with_empty',
      inputs: [{ shape: [0, 3] }, { shape: [2, 3] }, { shape: [0, 3] }],
      attrs: { axis: 0 },
    },
    { name: 'all_empty', inputs: [{ shape: [2, 0] }, { shape: [2, 0] }], attrs: { axis: 1 } },
    {
      name: 'int32',
      inputs: [
        { shape: [2, 3], dtype: 'int32' },
        { shape: [2, 2], dtype: 'int32' },
      ],
      attrs: { axis: 1 },
    },
  ],
});
