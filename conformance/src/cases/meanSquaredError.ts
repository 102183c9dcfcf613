// meanSquaredError: reductions 'mean' (default and explicit), 'sum' and 'none'; broadcasting of targets
// against predictions in both orders; 0-d, odd and empty inputs (mean of nothing is NaN, sum is 0).

import { meanSquaredError } from '@libml/core';
import { type CaseSpec, defineSuite } from '../types.js';

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export default defineSuite({
  op: 'meanSquaredError',
  tolerance: 'reduction',
  differentiable: [0, 1],
  reductionLength: (c: CaseSpec) =>
    c.attrs?.reduction === 'none' ? 1 : Math.max(1, ...c.inputs.map((s) => sizeOf(s.shape))),
  run: ([pred, target], attrs) =>
    meanSquaredError(pred, target, attrs.reduction as 'mean' | 'sum' | 'none' | undefined),
  cases: [
    { name: 'default_mean', inputs: [{ shape: [4, 5] }, { shape: [4, 5] }] },
    { name: 'mean', inputs: [{ shape: [2, 3, 5] }, { shape: [2, 3, 5] }], attrs: { reduction: 'mean' } },
    { name: 'sum', inputs: [{ shape: [3, 7] }, { shape: [3, 7] }], attrs: { reduction: 'sum' } },
    { name: 'none', inputs: [{ shape: [2, 3, 5] }, { shape: [2, 3, 5] }], attrs: { reduction: 'none' } },
    { name: 'target_broadcast', inputs: [{ shape: [4, 5] }, { shape: [5] }], attrs: { reduction: 'mean' } },
    {
      name: 'prediction_broadcast',
      inputs: [{ shape: [5, 1] }, { shape: [5, 3] }],
      attrs: { reduction: 'sum' },
    },
    { name: 'broadcast_none', inputs: [{ shape: [3, 1] }, { shape: [1, 4] }], attrs: { reduction: 'none' } },
    { name: 'scalars', inputs: [{ shape: [] }, { shape: [] }] },
    { name: 'length_33', inputs: [{ shape: [33] }, { shape: [33] }] },
    {
      name: 'empty_mean',
      inputs: [{ shape: [0, 3] }, { shape: [0, 3] }],
      attrs: { reduction: 'mean' },
      skipFiniteDifferences: 'the mean of nothing is NaN',
    },
    { name: 'empty_sum', inputs: [{ shape: [0, 3] }, { shape: [3] }], attrs: { reduction: 'sum' } },
  ],
});
