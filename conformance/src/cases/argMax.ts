// argMax (int32 output, no gradient): default axis (-1), every axis of a rank-3 input, negative axes, a
// size-1 axis, odd lengths, int32 input; ties (the first maximum wins) and NaN (counts as the maximum,
// first NaN wins) with +-Inf.

import { argMax } from '@libml/core';
import { type CaseSpec, defineSuite } from '../types.js';

/** Shared with argMin, whose cases are the same. */
export const argMaxCases: CaseSpec[] = [
  { name: 'default_axis', inputs: [{ shape: [3, 5] }] },
  { name: 'axis0', inputs: [{ shape: [4, 6] }], attrs: { axis: 0 } },
  { name: 'rank3_axis1', inputs: [{ shape: [2, 7, 3] }], attrs: { axis: 1 } },
  { name: 'rank3_axis_neg1', inputs: [{ shape: [2, 3, 5] }], attrs: { axis: -1 } },
  { name: 'rank3_axis_neg3', inputs: [{ shape: [5, 2, 3] }], attrs: { axis: -3 } },
  { name: 'vector_33', inputs: [{ shape: [33] }], attrs: { axis: 0 } },
  { name: 'size1_axis', inputs: [{ shape: [1, 17] }], attrs: { axis: 0 } },
  { name: 'empty_other_axis', inputs: [{ shape: [0, 4] }], attrs: { axis: 1 } },
  {
    name: 'int32',
    inputs: [{ shape: [4, 9], dtype: 'int32', kind: 'int', low: -50, high: 50 }],
    attrs: { axis: 1 },
  },
  { name: 'ties_random', inputs: [{ shape: [6, 5], kind: 'int', low: -1, high: 2 }], attrs: { axis: 1 } },
  {
    name: 'ties_explicit',
    inputs: [{ shape: [3, 4], values: [3, 1, 3, 3, -2, -2, -5, -5, 0, -0, 0, -0] }],
    attrs: { axis: -1 },
  },
  {
    name: 'nan_inf',
    inputs: [
      {
        shape: [5, 3],
        values: [
          1,
          Number.NaN,
          3,
          Number.NaN,
          Number.NaN,
          1,
          Infinity,
          1,
          Infinity,
          -Infinity,
          -Infinity,
          -Infinity,
          -Infinity,
          0,
          Infinity,
        ],
      },
    ],
    attrs: { axis: 1 },
  },
];

export default defineSuite({
  op: 'argMax',
  tolerance: 'exact',
  differentiable: [],
  run: ([x], attrs) => argMax(x, attrs.axis as number | undefined),
  cases: argMaxCases,
});
