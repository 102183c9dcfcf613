// batchNorm, inputs [x, scale, offset, runningMean, runningVariance]: inference and training, NCHW,
// NHWC, the M x N matrix case and rank 3, an explicit feature axis, both running-statistics
// conventions ('pytorch': unbiased variance, new = (1 - m) old + m batch; 'onnx': biased, new =
// m old + (1 - m) batch) with default and explicit momentum, explicit epsilon, odd sizes.
// Outputs: [y] in inference; [y, batchMean, batchVariance, runningMean, runningVariance] in training.

import { batchNorm, type Layout } from '@libml/core';
import { type CaseSpec, defineSuite, type InputSpec } from '../types.js';

/**
 * Training updates the running statistics from gradient-free (stopped) batch statistics, as PyTorch's
 * buffers: finite differences see that dependence, the VJP deliberately omits it. The golden VJP (from
 * the float64 reference, which detaches the same way) still checks the gradients.
 */
const TRAINING_FD = 'running statistics depend on x through stopped batch statistics';

/** x plus the four per-feature [C] parameters (variances positive). */
function inputs(shape: number[], c: number): InputSpec[] {
  return [{ shape }, { shape: [c] }, { shape: [c] }, { shape: [c] }, { shape: [c], kind: 'positive' }];
}

/** Elements averaged per feature: every axis but the feature axis. */
function reducedCount(c: CaseSpec): number {
  const shape = c.inputs[0].shape;
  const data = (c.attrs?.dataFormat as string | undefined) ?? 'NCHW';
  const a = (c.attrs?.axis as number | undefined) ?? (data === 'NCHW' ? 1 : -1);
  const axis = a < 0 ? a + shape.length : a;
  return Math.max(
    1,
    shape.reduce((n, d, i) => (i === axis ? n : n * d), 1),
  );
}

export default defineSuite({
  op: 'batchNorm',
  tolerance: 'reduction',
  differentiable: [0, 1, 2, 3, 4],
  reductionLength: reducedCount,
  run: ([x, scale, offset, runningMean, runningVariance], attrs) => {
    const r = batchNorm(x, {
      scale,
      offset,
      runningMean,
      runningVariance,
      training: attrs.training as boolean | undefined,
      momentum: attrs.momentum as number | undefined,
      epsilon: attrs.epsilon as number | undefined,
      axis: attrs.axis as number | undefined,
      dataFormat: attrs.dataFormat as Layout | undefined,
      convention: attrs.convention as 'pytorch' | 'onnx' | undefined,
    });
    return attrs.training ? [r.y, r.batchMean!, r.batchVariance!, r.runningMean!, r.runningVariance!] : [r.y];
  },
  cases: [
    { name: 'nchw_inference', inputs: inputs([2, 3, 5, 4], 3) },
    {
      name: 'nchw_training_pytorch',
      inputs: inputs([2, 3, 5, 4], 3),
      skipFiniteDifferences: TRAINING_FD,
      attrs: { training: true },
    },
    {
      name: 'nchw_training_onnx',
      inputs: inputs([2, 3, 5, 4], 3),
      skipFiniteDifferences: TRAINING_FD,
      attrs: { training: true, convention: 'onnx' },
    },
    { name: 'nhwc_inference', inputs: inputs([2, 5, 4, 3], 3), attrs: { dataFormat: 'NHWC', epsilon: 1e-3 } },
    {
      name: 'nhwc_training_pytorch_momentum',
      inputs: inputs([2, 5, 3, 7], 7),
      skipFiniteDifferences: TRAINING_FD,
      attrs: { training: true, dataFormat: 'NHWC', momentum: 0.2, epsilon: 1e-3 },
    },
    {
      name: 'nhwc_training_onnx',
      inputs: inputs([2, 5, 4, 3], 3),
      skipFiniteDifferences: TRAINING_FD,
      attrs: { training: true, dataFormat: 'NHWC', convention: 'onnx' },
    },
    { name: 'matrix_inference', inputs: inputs([8, 5], 5) },
    {
      name: 'matrix_training_pytorch',
      inputs: inputs([7, 5], 5),
      skipFiniteDifferences: TRAINING_FD,
      attrs: { training: true },
    },
    {
      name: 'matrix_training_onnx_momentum',
      inputs: inputs([17, 3], 3),
      skipFiniteDifferences: TRAINING_FD,
      attrs: { training: true, convention: 'onnx', momentum: 0.7, epsilon: 0.1 },
    },
    {
      name: 'rank3_training',
      inputs: inputs([4, 3, 5], 3),
      skipFiniteDifferences: TRAINING_FD,
      attrs: { training: true, momentum: 0.5 },
    },
    {
      name: 'explicit_axis_last_training',
      inputs: inputs([3, 2, 5, 4], 4),
      skipFiniteDifferences: TRAINING_FD,
      attrs: { training: true, axis: 3 },
    },
    { name: 'explicit_axis_negative_inference', inputs: inputs([3, 5, 2], 5), attrs: { axis: -2 } },
    {
      name: 'two_samples_training',
      inputs: inputs([2, 6], 6),
      skipFiniteDifferences: TRAINING_FD,
      attrs: { training: true, epsilon: 1e-2 },
    },
  ],
});
