// Linear (fully connected) layer: y = x W^T + b, with W stored [out, in] as in PyTorch.

import { add, matmul, type Tensor, zeros } from '@libml/core';
import { heNormal, type Initializer } from './init.js';
import { Module } from './module.js';

/** Options of the Linear layer. */
export interface LinearOptions {
  /** Adds a learned bias [out] (default true). */
  bias?: boolean;
  /** Weight initialiser (default heNormal); the bias starts at zero. */
  init?: Initializer;
  /** Seed for the weight draw (default: core's global stream). */
  seed?: number;
  /** dtype of the parameters (default float32). */
  dtype?: 'float32' | 'float64';
}

/** Maps the last axis from `inFeatures` to `outFeatures`. Parameters: weight [out, in], bias [out]. */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly hasBias: boolean;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.hasBias = options.bias ?? true;
    const dtype = options.dtype ?? 'float32';
    const init = options.init ?? heNormal;
    this.addParameter('weight', init([outFeatures, inFeatures], { seed: options.seed, dtype }));
    if (this.hasBias) this.addParameter('bias', zeros([outFeatures], dtype));
  }

  forward(x: Tensor): Tensor {
    const y = matmul(x, this.param('weight'), { transposeB: true });
    return this.hasBias ? add(y, this.param('bias')) : y;
  }
}
