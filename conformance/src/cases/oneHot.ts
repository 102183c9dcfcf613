// oneHot (no gradient): 1-d, 2-d and 0-d indices, odd depths, custom on/off values, out-of-range
// indices (negative and >= depth give all `off`), empty indices, depth 0.

import { oneHot } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'oneHot',
  tolerance: 'exact',
  differentiable: [],
  run: ([indices], attrs) =>
    oneHot(indices, attrs.depth as number, {
      on: attrs.on as number | undefined,
      off: attrs.off as number | undefined,
    }),
  cases: [
    {
      name: 'vector',
      inputs: [{ shape: [5], dtype: 'int32', kind: 'int', low: 0, high: 4 }],
      attrs: { depth: 4 },
    },
    {
      name: 'matrix_depth7',
      inputs: [{ shape: [2, 3], dtype: 'int32', kind: 'int', low: 0, high: 7 }],
      attrs: { depth: 7 },
    },
    {
      name: 'depth_17',
      inputs: [{ shape: [9], dtype: 'int32', kind: 'int', low: 0, high: 17 }],
      attrs: { depth: 17 },
    },
    {
      name: 'on_off',
      inputs: [{ shape: [4], dtype: 'int32', values: [0, 2, 1, 2] }],
      attrs: { depth: 3, on: 5, off: -1 },
    },
    {
      name: 'off_only',
      inputs: [{ shape: [3], dtype: 'int32', values: [1, 0, 1] }],
      attrs: { depth: 2, off: 0.25 },
    },
    {
      name: 'out_of_range',
      inputs: [{ shape: [5], dtype: 'int32', values: [-1, 3, 4, 100, 0] }],
      attrs: { depth: 4 },
    },
    { name: 'scalar', inputs: [{ shape: [], dtype: 'int32', values: [2] }], attrs: { depth: 5 } },
    { name: 'empty', inputs: [{ shape: [0], dtype: 'int32' }], attrs: { depth: 3 } },
    { name: 'depth_0', inputs: [{ shape: [3], dtype: 'int32', values: [0, 1, 2] }], attrs: { depth: 0 } },
  ],
});
