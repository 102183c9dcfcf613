// Sequential container: runs its modules in order; their parameters nest under '0', '1', ...

import type { Tensor } from '@libml/core';
import { Module } from './module.js';

/** A chain of modules; child i is named String(i), as PyTorch's nn.Sequential. */
export class Sequential extends Module {
  readonly layers: readonly Module[];

  constructor(...layers: Module[]) {
    super();
    this.layers = layers;
    for (const [i, m] of layers.entries()) this.addModule(String(i), m);
  }

  forward(x: Tensor): Tensor {
    let y = x;
    for (const m of this.layers) y = m.forward(y);
    return y;
  }
}
