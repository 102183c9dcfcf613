// GELU activation as a module (no parameters), exact (erf) or with the tanh approximation.

import { gelu, type Tensor } from '@libml/core';
import { Module } from './module.js';

/** x Phi(x) elementwise; `approximate: 'tanh'` uses the tanh form. */
export class GELU extends Module {
  readonly approximate: 'none' | 'tanh';

  constructor(options: { approximate?: 'none' | 'tanh' } = {}) {
    super();
    this.approximate = options.approximate ?? 'none';
  }

  forward(x: Tensor): Tensor {
    return gelu(x, { approximate: this.approximate });
  }
}
