// logicalNot (bool output, no gradient): bool inputs of several shapes, scalars, size-1 and empty dims,
// and non-bool inputs, which count as `!= 0` (NaN and -0 included).

import { logicalNot } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'logicalNot',
  tolerance: 'exact',
  differentiable: [],
  run: ([x]) => logicalNot(x),
  cases: [
    { name: 'bool_matrix', inputs: [{ shape: [4, 7], dtype: 'bool' }] },
    { name: 'bool_length_17', inputs: [{ shape: [17], dtype: 'bool' }] },
    { name: 'bool_scalar', inputs: [{ shape: [], dtype: 'bool', values: [true] }] },
    { name: 'size1_dims', inputs: [{ shape: [1, 5, 1], dtype: 'bool' }] },
    { name: 'empty', inputs: [{ shape: [0, 3], dtype: 'bool' }] },
    { name: 'int32', inputs: [{ shape: [3, 5], dtype: 'int32', kind: 'int', low: -2, high: 3 }] },
    {
      name: 'float_special',
      inputs: [{ shape: [7], values: [0, -0, 1, -2.5, Number.NaN, Infinity, -Infinity] }],
    },
  ],
});
