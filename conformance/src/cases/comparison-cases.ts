// Cases shared by the six comparison ops (equal, notEqual, less, lessEqual, greater, greaterEqual):
// integer-valued floats (many exact ties), random normals (no ties), broadcasting in both orders,
// scalars, size-1 and empty dims, odd sizes, int32, int32 against float32 (promotion), bool, signed
// zeros, NaN (every ordered comparison with NaN is false; NaN != NaN) and +-Inf.

import type { CaseSpec, InputSpec } from '../types.js';

const ints = (shape: number[]): InputSpec => ({ shape, kind: 'int', low: -2, high: 3 });

export const comparisonCases: CaseSpec[] = [
  { name: 'same_shape_ties', inputs: [ints([4, 5]), ints([4, 5])] },
  { name: 'normal_no_ties', inputs: [{ shape: [33] }, { shape: [33] }] },
  { name: 'row_broadcast', inputs: [ints([4, 7]), ints([7])] },
  { name: 'row_broadcast_swapped', inputs: [ints([7]), ints([4, 7])] },
  { name: 'column_and_row', inputs: [ints([5, 1]), ints([1, 6])] },
  { name: 'scalar_left', inputs: [ints([]), ints([2, 3, 4])] },
  { name: 'scalar_right', inputs: [ints([2, 3, 4]), ints([])] },
  { name: 'rank4_size1_dims', inputs: [ints([2, 1, 3, 1]), ints([1, 4, 1, 5])] },
  { name: 'empty', inputs: [ints([0, 3]), ints([3])] },
  {
    name: 'int32',
    inputs: [
      { shape: [17], dtype: 'int32', kind: 'int', low: -3, high: 3 },
      { shape: [17], dtype: 'int32', kind: 'int', low: -3, high: 3 },
    ],
  },
  {
    name: 'int32_vs_float32',
    inputs: [
      { shape: [3, 5], dtype: 'int32', kind: 'int', low: -2, high: 3 },
      { shape: [5], values: [-1.5, 0, 1, 2.5, -2] },
    ],
  },
  {
    name: 'bool',
    inputs: [
      { shape: [4], dtype: 'bool', values: [true, true, false, false] },
      { shape: [4], dtype: 'bool', values: [true, false, true, false] },
    ],
  },
  {
    name: 'nan_inf_zeros',
    inputs: [
      { shape: [9], values: [Number.NaN, Number.NaN, 1, Infinity, -Infinity, Infinity, 0, -0, -Infinity] },
      { shape: [9], values: [Number.NaN, 1, Number.NaN, Infinity, -Infinity, -Infinity, -0, 0, 3] },
    ],
  },
];
