// Conv2d layer: a learned filter (and bias) over core's conv2d, with every one of its options (strides,
// padding, dilations, groups, NCHW/NHWC data, OIHW/HWIO filters).

import { type Conv2dOptions, conv2d, type Tensor, zeros } from '@libml/core';
import { heNormal, type Initializer } from './init.js';
import { Module } from './module.js';

/**
 * Options of the Conv2d layer: core's conv2d options (strides, padding, dilations, groups, layouts) and how
 * its parameters are made.
 */
export interface Conv2dLayerOptions extends Omit<Conv2dOptions, 'bias'> {
  /** Adds a learned per-output-channel bias (default true). */
  bias?: boolean;
  /** Filter initialiser (default heNormal, fans from the OIHW view); the bias starts at zero. */
  init?: Initializer;
  /** Seed for the filter draw (default: core's global stream). */
  seed?: number;
  /** dtype of the parameters (default float32). */
  dtype?: 'float32' | 'float64';
}

/**
 * 2-D convolution from `inChannels` to `outChannels` with a `kernelSize` window. Parameters: weight
 * (OIHW [out, in / groups, kh, kw] by default, HWIO with NHWC data unless `filterFormat` says otherwise)
 * and bias [out].
 */
export class Conv2d extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: readonly [number, number];
  readonly options: Readonly<Conv2dOptions>;
  readonly hasBias: boolean;

  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number | readonly [number, number],
    options: Conv2dLayerOptions = {},
  ) {
    super();
    const { bias, init, seed, dtype, ...conv } = options;
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize =
      typeof kernelSize === 'number' ? [kernelSize, kernelSize] : [kernelSize[0], kernelSize[1]];
    this.hasBias = bias ?? true;
    const groups = conv.groups ?? 1;
    if (!Number.isInteger(groups) || groups < 1 || inChannels % groups !== 0 || outChannels % groups !== 0) {
      throw new RangeError(
        `Conv2d: groups (${groups}) must divide inChannels (${inChannels}) and outChannels (${outChannels})`,
      );
    }
    const filterFormat = conv.filterFormat ?? (conv.dataFormat === 'NHWC' ? 'HWIO' : 'OIHW');
    this.options = { ...conv, filterFormat };
    const [kh, kw] = this.kernelSize;
    const perGroup = inChannels / groups;
    const shape = filterFormat === 'OIHW' ? [outChannels, perGroup, kh, kw] : [kh, kw, perGroup, outChannels];
    const fans = { fanIn: perGroup * kh * kw, fanOut: outChannels * kh * kw };
    const dt = dtype ?? 'float32';
    this.addParameter('weight', (init ?? heNormal)(shape, { seed, dtype: dt, fans }));
    if (this.hasBias) this.addParameter('bias', zeros([outChannels], dt));
  }

  forward(x: Tensor): Tensor {
    return conv2d(x, this.param('weight'), {
      ...this.options,
      ...(this.hasBias ? { bias: this.param('bias') } : {}),
    });
  }
}
