// logicalAnd (bool output, no gradient): the full truth table, broadcasting in both orders, scalars,
// size-1 and empty dims, odd sizes, and non-bool inputs (counted as `!= 0`, NaN included), also
// mixed with bool.

import { logicalAnd } from '@libml/core';
import { type CaseSpec, defineSuite } from '../types.js';

/** Shared with logicalOr, whose cases are the same. */
export const logicalAndCases: CaseSpec[] = [
  {
    name: 'truth_table',
    inputs: [
      { shape: [4], dtype: 'bool', values: [true, true, false, false] },
      { shape: [4], dtype: 'bool', values: [true, false, true, false] },
    ],
  },
  {
    name: 'same_shape_odd',
    inputs: [
      { shape: [3, 5], dtype: 'bool' },
      { shape: [3, 5], dtype: 'bool' },
    ],
  },
  {
    name: 'row_broadcast',
    inputs: [
      { shape: [4, 7], dtype: 'bool' },
      { shape: [7], dtype: 'bool' },
    ],
  },
  {
    name: 'row_broadcast_swapped',
    inputs: [
      { shape: [7], dtype: 'bool' },
      { shape: [4, 7], dtype: 'bool' },
    ],
  },
  {
    name: 'column_and_row',
    inputs: [
      { shape: [5, 1], dtype: 'bool' },
      { shape: [1, 6], dtype: 'bool' },
    ],
  },
  {
    name: 'scalar_true_left',
    inputs: [
      { shape: [], dtype: 'bool', values: [true] },
      { shape: [2, 3, 4], dtype: 'bool' },
    ],
  },
  {
    name: 'scalar_false_right',
    inputs: [
      { shape: [2, 3, 4], dtype: 'bool' },
      { shape: [], dtype: 'bool', values: [false] },
    ],
  },
  {
    name: 'empty',
    inputs: [
      { shape: [0, 3], dtype: 'bool' },
      { shape: [3], dtype: 'bool' },
    ],
  },
  {
    name: 'length_17',
    inputs: [
      { shape: [17], dtype: 'bool' },
      { shape: [17], dtype: 'bool' },
    ],
  },
  {
    name: 'int32_and_float',
    inputs: [
      { shape: [2, 6], dtype: 'int32', kind: 'int', low: -1, high: 2 },
      { shape: [6], values: [0, -0, 1, Number.NaN, -Infinity, 0.5] },
    ],
  },
  {
    name: 'float_and_bool',
    inputs: [
      { shape: [6], values: [0, 1, Number.NaN, -0, 2, 0] },
      { shape: [6], dtype: 'bool', values: [true, true, true, true, false, false] },
    ],
  },
];

export default defineSuite({
  op: 'logicalAnd',
  tolerance: 'exact',
  differentiable: [],
  run: ([a, b]) => logicalAnd(a, b),
  cases: logicalAndCases,
});
