// softmaxCrossEntropy: int32 class-index labels (gradient to the logits only) and float probability
// labels (gradient to both), reductions 'mean' (default and explicit), 'sum' and 'none', the class axis
// last (default), first and in the middle (also negative), odd class counts, a single class, an empty
// batch, and logits at +-300 (stable: no overflow, no NaN).

import { softmaxCrossEntropy } from '@libml/core';
import { type CaseSpec, defineSuite, type InputSpec } from '../types.js';

type Reduction = 'mean' | 'sum' | 'none';

const labels = (shape: number[], classes: number): InputSpec => ({
  shape,
  dtype: 'int32',
  kind: 'int',
  low: 0,
  high: classes,
});
const probs = (shape: number[]): InputSpec => ({ shape, kind: 'uniform', low: 0, high: 1 });

/** Terms summed per output: the classes, times the examples for 'mean' and 'sum'. */
function reductionLength(c: CaseSpec): number {
  const shape = c.inputs[0].shape;
  const a = (c.attrs?.axis as number | undefined) ?? -1;
  const classes = shape[a < 0 ? a + shape.length : a];
  const size = shape.reduce((x, y) => x * y, 1);
  return Math.max(1, c.attrs?.reduction === 'none' ? classes : size);
}

export default defineSuite({
  op: 'softmaxCrossEntropy',
  tolerance: 'reduction',
  differentiable: (c) => (c.inputs[1].dtype === 'int32' ? [0] : [0, 1]),
  reductionLength,
  run: ([logits, target], attrs) =>
    softmaxCrossEntropy(logits, target, {
      reduction: attrs.reduction as Reduction | undefined,
      axis: attrs.axis as number | undefined,
    }),
  cases: [
    { name: 'int_labels_default_mean', inputs: [{ shape: [4, 5] }, labels([4], 5)] },
    { name: 'int_labels_sum', inputs: [{ shape: [6, 7] }, labels([6], 7)], attrs: { reduction: 'sum' } },
    { name: 'int_labels_none', inputs: [{ shape: [5, 3] }, labels([5], 3)], attrs: { reduction: 'none' } },
    {
      name: 'int_labels_17_classes',
      inputs: [{ shape: [3, 17] }, labels([3], 17)],
      attrs: { reduction: 'mean' },
    },
    {
      name: 'int_labels_axis0',
      inputs: [{ shape: [5, 4] }, labels([4], 5)],
      attrs: { axis: 0, reduction: 'none' },
    },
    {
      name: 'int_labels_middle_axis',
      inputs: [{ shape: [2, 5, 3] }, labels([2, 3], 5)],
      attrs: { axis: -2, reduction: 'mean' },
    },
    { name: 'prob_labels_mean', inputs: [{ shape: [4, 5] }, probs([4, 5])], attrs: { reduction: 'mean' } },
    { name: 'prob_labels_sum', inputs: [{ shape: [3, 7] }, probs([3, 7])], attrs: { reduction: 'sum' } },
    {
      name: 'prob_labels_none_axis1',
      inputs: [{ shape: [2, 6, 3] }, probs([2, 6, 3])],
      attrs: { axis: 1, reduction: 'none' },
    },
    {
      name: 'one_hot_float_labels',
      inputs: [{ shape: [3, 4] }, { shape: [3, 4], values: [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1] }],
    },
    { name: 'single_class', inputs: [{ shape: [4, 1] }, labels([4], 1)], attrs: { reduction: 'none' } },
    { name: 'empty_batch_sum', inputs: [{ shape: [0, 5] }, labels([0], 5)], attrs: { reduction: 'sum' } },
    {
      name: 'large_300_int_labels',
      inputs: [
        { shape: [3, 4], values: [300, -300, 0, 1, -300, 300, 299, 0, 300, 300, 300, -300] },
        { shape: [3], dtype: 'int32', values: [1, 2, 3] },
      ],
      attrs: { reduction: 'none' },
      skipFiniteDifferences: 'at |x| = 300 the step 2^-8 |x| is far outside the linear range',
    },
    {
      name: 'large_300_prob_labels',
      inputs: [
        { shape: [2, 3], values: [300, -300, 0, -300, -300, 300] },
        { shape: [2, 3], values: [0.25, 0.5, 0.25, 0, 0, 1] },
      ],
      attrs: { reduction: 'sum' },
      skipFiniteDifferences: 'at |x| = 300 the step 2^-8 |x| is far outside the linear range',
    },
  ],
});
