// The Optimizer base class: walks a module's parameters with a gradient tree shaped like
// module.parameters(), computes each new parameter and its state in a tidy scope, then swaps them into the
// module in place (the old parameter and state tensors are disposed, so nothing leaks across steps).

import { dispose, keep, type Tensor, tidy } from '@libml/core';
import { type Module, ModuleError } from '../module.js';
import { flattenTree, type ParamTree } from '../tree.js';

/** Per-parameter optimizer state (momentum buffers, moment estimates). */
export type ParamState = Record<string, Tensor>;

/**
 * Base class of optimizers: step(grads) updates the module's parameters in place and keeps per-parameter
 * state; subclasses implement the update rule. The constructor throws RangeError for a negative learning
 * rate.
 */
export abstract class Optimizer {
  /** Learning rate; may be changed between steps (schedules). */
  lr: number;
  /** How many times step() has run. */
  stepCount = 0;
  readonly module: Module;
  readonly #state = new Map<string, ParamState>();
  readonly #paramSteps = new Map<string, number>();

  constructor(module: Module, lr: number) {
    if (!(lr >= 0)) throw new RangeError(`learning rate must be >= 0, got ${lr}`);
    this.module = module;
    this.lr = lr;
  }

  /**
   * Applies one update from `grads` (a tree like module.parameters(); parameters without a gradient are
   * left alone). Replaces the module's parameter tensors; the gradients stay the caller's to dispose.
   */
  step(grads: ParamTree): void {
    this.stepCount++;
    const flat = new Map(flattenTree(grads));
    for (const [path, p] of this.module.namedParameters()) {
      const g = flat.get(path);
      if (!g) continue;
      if (g.shape.length !== p.shape.length || g.shape.some((d, i) => d !== p.shape[i]))
        throw new ModuleError(
          `${this.constructor.name}.step: gradient of '${path}' is [${g.shape.join(', ')}], parameter is [${p.shape.join(', ')}]`,
        );
      const t = (this.#paramSteps.get(path) ?? 0) + 1;
      this.#paramSteps.set(path, t);
      const old = this.#state.get(path) ?? {};
      const next = tidy(() => this.update(p, g, old, t));
      for (const s of Object.values(next.state)) keep(s);
      const reused = new Set(Object.values(next.state));
      dispose(Object.values(old).filter((s) => !reused.has(s)));
      this.#state.set(path, next.state);
      this.module.setParameter(path, next.param);
    }
  }

  /**
   * The update rule for one parameter: its new value and new state from the gradient, the old state and
   * t, this parameter's step number (1 on the first step). Runs inside tidy.
   */
  protected abstract update(
    param: Tensor,
    grad: Tensor,
    state: Readonly<ParamState>,
    t: number,
  ): { param: Tensor; state: ParamState };

  /** The state of the parameter at `path` (read-only view, for inspection and tests). */
  stateOf(path: string): Readonly<ParamState> | undefined {
    return this.#state.get(path);
  }

  /** Frees the optimizer's state (the module's parameters stay). */
  dispose(): void {
    for (const s of this.#state.values()) dispose(Object.values(s));
    this.#state.clear();
    this.#paramSteps.clear();
  }
}
