// Registers the CPU backend (from source, see vitest.config.ts) and helpers shared by nn's tests.

import '@libml/backend-cpu';
import { mul, type Tensor, tensor } from '@libml/core';
import { Module } from '../src/module.js';

/** The values of a tensor as a plain number array. */
export function values(t: Tensor): number[] {
  return Array.from(t.dataSync() as ArrayLike<number>);
}

/** A module holding one parameter `w` (for optimizer tests): forward is x * w. */
export class Holder extends Module {
  constructor(w: readonly number[], dtype: 'float32' | 'float64' = 'float64') {
    super();
    this.addParameter('w', tensor(w, [w.length], dtype));
  }
  get w(): Tensor {
    return this.param('w');
  }
  forward(x: Tensor): Tensor {
    return mul(x, this.param('w'));
  }
}
