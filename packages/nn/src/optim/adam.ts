// Adam (Kingma & Ba) with bias correction and optional L2 weight decay: PyTorch's torch.optim.Adam update.
// AdamW reuses it with decoupled weight decay.

import { add, div, mul, pow, sqrt, square, sub, type Tensor, zerosLike } from '@libml/core';
import type { Module } from '../module.js';
import { type FunctionalHyperParams, Optimizer, type ParamState } from './optimizer.js';

/** Options of Adam and AdamW. */
export interface AdamOptions {
  /** Default 1e-3. */
  lr?: number;
  /** Decay rates of the first and second moment estimates (default [0.9, 0.999]). */
  betas?: readonly [number, number];
  /** Added to the denominator (default 1e-8). */
  eps?: number;
  /** Adam: L2 penalty added to the gradient (default 0). AdamW: decoupled decay (default 0.01). */
  weightDecay?: number;
}

/**
 * g = grad + weightDecay p (Adam) or p = p (1 - lr weightDecay) (AdamW); m = b1 m + (1 - b1) g;
 * v = b2 v + (1 - b2) g^2; p = p - lr / (1 - b1^t) m / (sqrt(v) / sqrt(1 - b2^t) + eps).
 */
export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  /** True for AdamW: the decay shrinks the parameter directly instead of joining the gradient. */
  protected readonly decoupled: boolean = false;

  constructor(module: Module, options: AdamOptions = {}) {
    super(module, options.lr ?? 1e-3);
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    for (const [name, b] of [
      ['beta1', this.beta1],
      ['beta2', this.beta2],
    ] as const)
      if (!(b >= 0 && b < 1))
        throw new RangeError(`${this.constructor.name}: ${name} must be in [0, 1), got ${b}`);
  }

  protected override initialState(p: Tensor): ParamState {
    return { m: zerosLike(p), v: zerosLike(p) };
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
    let g = grad;
    let param = p;
    if (this.weightDecay !== 0) {
      if (this.decoupled) {
        param = mul(
          p,
          typeof lr === 'number' ? 1 - lr * this.weightDecay : sub(1, mul(lr, this.weightDecay)),
        );
      } else g = add(grad, mul(p, this.weightDecay));
    }
    const m = state.m ? add(mul(state.m, this.beta1), mul(g, 1 - this.beta1)) : mul(g, 1 - this.beta1);
    const v = state.v
      ? add(mul(state.v, this.beta2), mul(square(g), 1 - this.beta2))
      : mul(square(g), 1 - this.beta2);
    // Bias corrections in float64 arithmetic for step(), as scalar tensors for applyGradients().
    const stepSize =
      typeof t === 'number' && typeof lr === 'number'
        ? lr / (1 - this.beta1 ** t)
        : div(lr, sub(1, pow(this.beta1, t)));
    const correction2 =
      typeof t === 'number' ? Math.sqrt(1 - this.beta2 ** t) : sqrt(sub(1, pow(this.beta2, t)));
    const denom = add(div(sqrt(v), correction2), this.eps);
    return { param: sub(param, mul(div(m, denom), stepSize)), state: { m, v } };
  }
}
