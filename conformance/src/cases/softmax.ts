// softmax: default axis (-1), axis 0, a middle axis, negative axes, a size-1 axis, odd lengths, an empty
// batch, large magnitudes (+-300, stable without overflow), -Inf entries (masked classes) and NaN.

import { softmax } from '@libml/core';
import { type CaseSpec, defineSuite } from '../types.js';

/** Length of the softmax axis (the sum in the normaliser). */
export function axisLength(c: CaseSpec): number {
  const shape = c.inputs[0].shape;
  const axis = (c.attrs?.axis as number | undefined) ?? -1;
  return Math.max(1, shape[axis < 0 ? axis + shape.length : axis]);
}

/** Shared with logSoftmax, whose cases are the same. */
export const softmaxCases: CaseSpec[] = [
  { name: 'default_axis', inputs: [{ shape: [3, 5] }] },
  { name: 'axis0', inputs: [{ shape: [4, 6] }], attrs: { axis: 0 } },
  { name: 'rank3_axis1', inputs: [{ shape: [2, 7, 3] }], attrs: { axis: 1 } },
  { name: 'rank3_axis_neg2', inputs: [{ shape: [2, 5, 3] }], attrs: { axis: -2 } },
  { name: 'rank4_axis_neg1', inputs: [{ shape: [2, 3, 2, 9] }], attrs: { axis: -1 } },
  { name: 'vector_33', inputs: [{ shape: [33] }], attrs: { axis: 0 } },
  { name: 'wide_values', inputs: [{ shape: [4, 17], kind: 'uniform', low: -20, high: 20 }] },
  { name: 'size1_axis', inputs: [{ shape: [4, 1] }], attrs: { axis: -1 } },
  { name: 'empty_batch', inputs: [{ shape: [0, 5] }], attrs: { axis: 1 } },
  {
    name: 'large_300',
    inputs: [{ shape: [3, 4], values: [300, -300, 0, 1, -300, -300, -299, -300, 300, 300, 290, -300] }],
    skipFiniteDifferences: 'at |x| = 300 the step 2^-8 |x| is far outside the linear range',
  },
  {
    name: 'large_300_axis0',
    inputs: [{ shape: [3, 2], values: [300, -300, -300, 299, 280, 300] }],
    attrs: { axis: 0 },
    skipFiniteDifferences: 'at |x| = 300 the step 2^-8 |x| is far outside the linear range',
  },
  {
    name: 'neg_inf_and_nan',
    inputs: [{ shape: [3, 3], values: [-Infinity, 0, 1, -Infinity, -Infinity, 2, Number.NaN, 0, 1] }],
    skipFiniteDifferences: 'non-finite inputs',
  },
];

export default defineSuite({
  op: 'softmax',
  tolerance: 'reduction',
  differentiable: [0],
  reductionLength: axisLength,
  run: ([x], attrs) => softmax(x, attrs.axis as number | undefined),
  cases: softmaxCases,
});
