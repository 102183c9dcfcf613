// pad: asymmetric pads per axis, a non-zero value, unpadded axes, no padding at all, 0-d, padding an
// empty tensor (all value), rank 1 and 3, odd sizes, int32 data (forward only).

import { pad } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'pad',
  tolerance: 'exact',
  differentiable: (c) => ((c.inputs[0].dtype ?? 'float32') === 'float32' ? [0] : []),
  run: ([x], attrs) => pad(x, attrs.paddings as [number, number][], attrs.value as number | undefined),
  cases: [
    {
      name: 'asymmetric',
      inputs: [{ shape: [3, 4] }],
      attrs: {
        paddings: [
          [1, 2],
          [0, 3],
        ],
      },
    },
    {
      name: 'value',
      inputs: [{ shape: [3, 4] }],
      attrs: {
        paddings: [
          [2, 0],
          [1, 1],
        ],
        value: 1.5,
      },
    },
    { name: 'negative_value', inputs: [{ shape: [5] }], attrs: { paddings: [[3, 1]], value: -7 } },
    {
      name: 'rank3',
      inputs: [{ shape: [2, 3, 5] }],
      attrs: {
        paddings: [
          [0, 0],
          [1, 1],
          [2, 0],
        ],
      },
    },
    {
      name: 'rank4_spatial',
      inputs: [{ shape: [2, 3, 4, 5] }],
      attrs: {
        paddings: [
          [0, 0],
          [0, 0],
          [1, 2],
          [2, 1],
        ],
      },
    },
    { name: 'vector_17', inputs: [{ shape: [17] }], attrs: { paddings: [[3, 5]] } },
    {
      name: 'no_padding',
      inputs: [{ shape: [3, 4] }],
      attrs: {
        paddings: [
          [0, 0],
          [0, 0],
        ],
      },
    },
    { name: 'scalar', inputs: [{ shape: [] }], attrs: { paddings: [] } },
    {
      name: 'empty_input',
      inputs: [{ shape: [0, 3] }],
      attrs: {
        paddings: [
          [1, 1],
          [0, 2],
        ],
        value: 2,
      },
    },
    {
      name: 'int32',
      inputs: [{ shape: [2, 3], dtype: 'int32' }],
      attrs: {
        paddings: [
          [1, 0],
          [0, 2],
        ],
        value: 9,
      },
    },
  ],
});
