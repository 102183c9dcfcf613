// stack: two and three inputs along a new first, middle and last axis (also negative), a single input,
// 0-d inputs, empty inputs, odd sizes, int32 data (forward only).

import { stack } from '@libml/core';
import { type CaseSpec, defineSuite } from '../types.js';

const all = (c: CaseSpec) => c.inputs.map((_, i) => i);

export default defineSuite({
  op: 'stack',
  tolerance: 'exact',
  differentiable: (c) => (c.inputs.every((s) => (s.dtype ?? 'float32') === 'float32') ? all(c) : []),
  run: (xs, attrs) => stack(xs, attrs.axis as number | undefined),
  cases: [
    { name: 'vectors_axis0', inputs: [{ shape: [3] }, { shape: [3] }], attrs: { axis: 0 } },
    { name: 'default_axis', inputs: [{ shape: [2, 5] }, { shape: [2, 5] }] },
    {
      name: 'three_middle',
      inputs: [{ shape: [2, 3] }, { shape: [2, 3] }, { shape: [2, 3] }],
      attrs: { axis: 1 },
    },
    { name: 'last_axis', inputs: [{ shape: [2, 3] }, { shape: [2, 3] }], attrs: { axis: 2 } },
    {
      name: 'negative_last',
      inputs: [{ shape: [17] }, { shape: [17] }, { shape: [17] }],
      attrs: { axis: -1 },
    },
    { name: 'negative_first', inputs: [{ shape: [5, 7] }, { shape: [5, 7] }], attrs: { axis: -3 } },
    { name: 'single', inputs: [{ shape: [3, 4] }], attrs: { axis: 1 } },
    { name: 'scalars', inputs: [{ shape: [] }, { shape: [] }, { shape: [] }], attrs: { axis: 0 } },
    { name: 'empty', inputs: [{ shape: [0, 2] }, { shape: [0, 2] }], attrs: { axis: 1 } },
    {
      name: 'int32',
      inputs: [
        { shape: [3], dtype: 'int32' },
        { shape: [3], dtype: 'int32' },
      ],
      attrs: { axis: 1 },
    },
  ],
});
