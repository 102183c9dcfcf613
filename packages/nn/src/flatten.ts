// Flatten layer: merges the axes from `startAxis` (default 1) to the end, so [N, C, H, W] -> [N, C*H*W].

import { reshape, type Tensor } from '@libml/core';
import { Module } from './module.js';

/** Reshapes to [...x.shape.slice(0, startAxis), product of the rest] (a view, no copy). */
export class Flatten extends Module {
  readonly startAxis: number;

  constructor(startAxis = 1) {
    super();
    this.startAxis = startAxis;
  }

  forward(x: Tensor): Tensor {
    const start = this.startAxis < 0 ? x.rank + this.startAxis : this.startAxis;
    if (start < 0 || start >= x.rank)
      throw new RangeError(`Flatten: startAxis ${this.startAxis} is out of range for rank ${x.rank}`);
    const rest = x.shape.slice(start).reduce((a, b) => a * b, 1);
    return reshape(x, [...x.shape.slice(0, start), rest]);
  }
}
