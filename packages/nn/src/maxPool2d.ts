// MaxPool2d layer: core's maxPool2d with fixed options (kernel, strides, padding, dilations, ceilMode,
// NCHW/NHWC), as a module.

import { type MaxPool2dOptions, maxPool2d, type Tensor } from '@libml/core';
import { Module } from './module.js';

/** 2-D max pooling; `strides` default to the kernel size. */
export class MaxPool2d extends Module {
  readonly options: Readonly<MaxPool2dOptions>;

  constructor(
    kernelSize: number | readonly [number, number],
    options: Omit<MaxPool2dOptions, 'kernelSize'> = {},
  ) {
    super();
    this.options = { ...options, kernelSize };
  }

  forward(x: Tensor): Tensor {
    return maxPool2d(x, this.options);
  }
}
