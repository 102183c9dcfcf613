// BatchNorm layer (1d and 2d alike, by feature axis): learned scale and offset, running statistics kept
// as buffers. Training mode normalises with batch statistics and replaces the running statistics with
// core's updated ones (the old tensors are disposed); eval mode normalises with the running statistics.

import { batchNorm, type Layout, ones, type Tensor, zeros } from '@libml/core';
import { Module } from './module.js';

/** Options of the BatchNorm layer. */
export interface BatchNormLayerOptions {
  /** Feature axis: default 1 (NCHW images and [batch, features] matrices), the last axis with NHWC. */
  axis?: number;
  /** Layout of the input (default NCHW); it sets the default feature axis. */
  dataFormat?: Layout;
  /** Weight of the batch statistics in the running update (PyTorch convention, default 0.1). */
  momentum?: number;
  /** Added to the variance before the square root (default 1e-5). */
  epsilon?: number;
  /** Learn scale and offset (default true). */
  affine?: boolean;
  /** dtype of the parameters and buffers (default float32). */
  dtype?: 'float32' | 'float64';
}

/**
 * Batch normalisation over every axis but the feature axis. Parameters: weight (scale, ones) and bias
 * (offset, zeros), [numFeatures]. Buffers: running_mean (zeros) and running_var (ones), PyTorch's names,
 * updated as new = (1 - momentum) old + momentum batch with the unbiased batch variance.
 */
export class BatchNorm extends Module {
  readonly numFeatures: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly affine: boolean;
  readonly axis: number | undefined;
  readonly dataFormat: Layout;

  constructor(numFeatures: number, options: BatchNormLayerOptions = {}) {
    super();
    this.numFeatures = numFeatures;
    this.momentum = options.momentum ?? 0.1;
    this.epsilon = options.epsilon ?? 1e-5;
    this.affine = options.affine ?? true;
    this.axis = options.axis;
    this.dataFormat = options.dataFormat ?? 'NCHW';
    const dtype = options.dtype ?? 'float32';
    if (this.affine) {
      this.addParameter('weight', ones([numFeatures], dtype));
      this.addParameter('bias', zeros([numFeatures], dtype));
    }
    this.addBuffer('running_mean', zeros([numFeatures], dtype));
    this.addBuffer('running_var', ones([numFeatures], dtype));
  }

  forward(x: Tensor): Tensor {
    const r = batchNorm(x, {
      ...(this.affine ? { scale: this.param('weight'), offset: this.param('bias') } : {}),
      runningMean: this.buffer('running_mean'),
      runningVariance: this.buffer('running_var'),
      training: this.training,
      momentum: this.momentum,
      epsilon: this.epsilon,
      dataFormat: this.dataFormat,
      ...(this.axis === undefined ? {} : { axis: this.axis }),
    });
    if (this.training && r.runningMean && r.runningVariance) {
      this.setBuffer('running_mean', r.runningMean);
      this.setBuffer('running_var', r.runningVariance);
    }
    // Batch statistics are not needed beyond the normalisation: free them now rather than at tidy's end.
    r.batchMean?.dispose();
    r.batchVariance?.dispose();
    return r.y;
  }
}
