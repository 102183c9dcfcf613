// AvgPool2d layer: core's avgPool2d with fixed options (kernel, strides, padding, ceilMode,
// countIncludePad, NCHW/NHWC), as a module.

import { type AvgPool2dOptions, avgPool2d, type Tensor } from '@libml/core';
import { Module } from './module.js';

/** 2-D average pooling; `strides` default to the kernel size. */
export class AvgPool2d extends Module {
  readonly options: Readonly<AvgPool2dOptions>;

  constructor(
    kernelSize: number | readonly [number, number],
    options: Omit<AvgPool2dOptions, 'kernelSize'> = {},
  ) {
    super();
    this.options = { ...options, kernelSize };
  }

  forward(x: Tensor): Tensor {
    return avgPool2d(x, this.options);
  }
}
