// SGD with momentum, dampening, Nesterov momentum and (L2) weight decay: PyTorch's torch.optim.SGD update.

import { add, cast, greater, mul, reshape, sub, type Tensor, zerosLike } from '@libml/core';
import type { Module } from '../module.js';
import { type FunctionalHyperParams, Optimizer, type ParamState } from './optimizer.js';

/** Options of SGD. */
export interface SGDOptions {
  /** Learning rate (>= 0). */
  lr: number;
  /** Momentum factor (default 0: plain SGD). */
  momentum?: number;
  /** Scales the gradient's contribution to the momentum buffer by 1 - dampening (default 0). */
  dampening?: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
  nesterov?: boolean;
  /** L2 penalty added to the gradient: g + weightDecay * p. */
  weightDecay?: number;
}

/**
 * g = grad + weightDecay p; with momentum, buf = g on the first step, then
 * buf = momentum buf + (1 - dampening) g, and g = nesterov ? g + momentum buf : buf; p = p - lr g.
 */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;

  constructor(module: Module, options: SGDOptions) {
    super(module, options.lr);
    this.momentum = options.momentum ?? 0;
    this.dampening = options.dampening ?? 0;
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = options.weightDecay ?? 0;
    if (this.momentum < 0) throw new RangeError(`SGD: momentum must be >= 0, got ${this.momentum}`);
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0))
      throw new RangeError('SGD: Nesterov momentum requires momentum > 0 and dampening 0');
  }

  protected override initialState(p: Tensor): ParamState {
    return this.momentum !== 0 ? { momentum: zerosLike(p) } : {};
  }

  protected update(
    p: Tensor,
    grad: Tensor,
    state: Readonly<ParamState>,
    t: number,
  ): { param: Tensor; state: ParamState } {
    return this.rule(p, grad, state, t, this.lr);
  }

  protected override functionalUpdate(
    p: Tensor,
    grad: Tensor,
    state: Readonly<ParamState>,
    hyper: FunctionalHyperParams,
  ): { param: Tensor; state: ParamState } {
    return this.rule(p, grad, state, hyper.t, hyper.lr);
  }

  /** The update, written once: t and lr are numbers in step() and scalar tensors in applyGradients(). */
  private rule(
    p: Tensor,
    grad: Tensor,
    state: Readonly<ParamState>,
    t: number | Tensor,
    lr: number | Tensor,
  ): { param: Tensor; state: ParamState } {
    let g = this.weightDecay !== 0 ? add(grad, mul(p, this.weightDecay)) : grad;
    const next: ParamState = {};
    if (this.momentum !== 0) {
      // applyGradients starts from a zero buffer: its first step takes g undamped, as step() does.
      const gain =
        typeof t === 'number' || this.dampening === 0
          ? 1 - this.dampening
          : sub(1, mul(cast(greater(t, 1), g.dtype), this.dampening));
      const buf = state.momentum
        ? add(mul(state.momentum, this.momentum), mul(g, gain))
        : reshape(g, g.shape); // a view the optimizer owns: the caller may dispose the gradient
      next.momentum = buf;
      g = this.nesterov ? add(g, mul(buf, this.momentum)) : buf;
    }
    return { param: sub(p, mul(g, lr)), state: next };
  }
}
