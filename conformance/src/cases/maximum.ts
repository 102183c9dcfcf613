// maximum: operands kept apart (|a| in [0.25, 2) against |b| < 0.1, so finite differences never straddle a
// switch) with broadcasting in both orders, scalars, size-1 and empty dims, odd sizes, int32; ties (the
// gradient is shared 1/2 each, also through broadcasting) and NaN/Inf (NaN propagates).
// Tolerance: the forward is exact, but broadcast gradients are sums, so 'elementwise'.

import { maximum } from '@libml/core';
import { type CaseSpec, defineSuite, type InputSpec } from '../types.js';

const far = (shape: number[]): InputSpec => ({ shape, kind: 'awayFromZero' });
const near = (shape: number[]): InputSpec => ({ shape, kind: 'uniform', low: -0.1, high: 0.1 });
const ints = (shape: number[]): InputSpec => ({ shape, kind: 'int', low: -2, high: 2 });

/** Shared with minimum, whose cases are the same. */
export const extremumCases: CaseSpec[] = [
  { name: 'same_shape_odd', inputs: [far([3, 5]), near([3, 5])] },
  { name: 'same_shape_swapped', inputs: [near([3, 5]), far([3, 5])] },
  { name: 'row_broadcast', inputs: [far([4, 7]), near([7])] },
  { name: 'row_broadcast_swapped', inputs: [near([7]), far([4, 7])] },
  { name: 'column_and_row', inputs: [far([5, 1]), near([1, 6])] },
  { name: 'scalar_left', inputs: [near([]), far([2, 3, 4])] },
  { name: 'scalar_right', inputs: [far([2, 3, 4]), near([])] },
  { name: 'rank4_size1_dims', inputs: [near([2, 1, 3, 1]), far([1, 4, 1, 5])] },
  { name: 'empty', inputs: [far([0, 3]), near([3])] },
  { name: 'length_17', inputs: [far([17]), near([17])] },
  {
    name: 'int32',
    inputs: [
      { shape: [3, 5], dtype: 'int32', kind: 'int', low: -5, high: 5 },
      { shape: [5], dtype: 'int32', kind: 'int', low: -5, high: 5 },
    ],
  },
  {
    name: 'ties',
    inputs: [ints([4, 5]), ints([4, 5])],
    attrs: { kink: true },
    skipFiniteDifferences: 'equal operands: not differentiable at ties',
  },
  {
    name: 'ties_broadcast',
    inputs: [ints([3, 4]), ints([4])],
    attrs: { kink: true },
    skipFiniteDifferences: 'equal operands: not differentiable at ties',
  },
  {
    name: 'ties_explicit',
    inputs: [
      { shape: [5], values: [1, 2, -0, 0, -3] },
      { shape: [5], values: [1, 1, 0, -0, -3] },
    ],
    attrs: { kink: true },
    skipFiniteDifferences: 'equal operands: not differentiable at ties',
  },
  {
    name: 'nan_inf',
    inputs: [
      { shape: [7], values: [Number.NaN, 1, Number.NaN, Infinity, -Infinity, Infinity, -Infinity] },
      { shape: [7], values: [1, Number.NaN, Number.NaN, -Infinity, 2, Infinity, -Infinity] },
    ],
    skipFiniteDifferences: 'non-finite inputs',
  },
];

export default defineSuite({
  op: 'maximum',
  tolerance: 'elementwise',
  differentiable: (c) => (c.inputs.some((s) => s.dtype === 'int32') ? [] : [0, 1]),
  run: ([a, b]) => maximum(a, b),
  cases: extremumCases,
});
