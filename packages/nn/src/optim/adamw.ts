// AdamW (Loshchilov & Hutter): Adam with decoupled weight decay, PyTorch's torch.optim.AdamW update.

import type { Module } from '../module.js';
import { Adam, type AdamOptions } from './adam.js';

/** Adam whose weight decay (default 0.01) shrinks the parameter, p = p (1 - lr weightDecay), before the step. */
export class AdamW extends Adam {
  protected override readonly decoupled: boolean = true;

  constructor(module: Module, options: AdamOptions = {}) {
    super(module, { ...options, weightDecay: options.weightDecay ?? 0.01 });
  }
}
