// The Optimizer base class: walks a module's parameters with a gradient tree shaped like
// module.parameters(), computes each new parameter and its state in a tidy scope, then swaps them into the
// module in place (the old parameter and state tensors are disposed, so nothing leaks across steps).

import { add, dispose, keep, type Tensor, tensor, tidy } from '@libml/core';
import { type Module, ModuleError } from '../module.js';
import { flattenTree, type ParamTree, unflattenTree } from '../tree.js';

/** Per-parameter optimizer state (momentum buffers, moment estimates). */
export type ParamState = Record<string, Tensor>;

/**
 * An optimizer's whole state as tensors, for the functional step (applyGradients): what a jit-compiled
 * training step takes in and gives back.
 */
export interface OptimizerState {
  /** Steps taken (a float32 scalar; float64 when a parameter is float64). */
  readonly step: Tensor;
  /** Each parameter's state (moments, momentum) by its dotted path. */
  readonly slots: { readonly [path: string]: ParamState };
}

/** The step number the per-parameter rule sees: a number in step(), a float32 scalar in applyGradients(). */
export type StepNumber = number | Tensor;

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
      checkGradient(this.constructor.name, 'step', path, p, g);
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
   * A fresh state for the functional step: step 0 and each parameter's initial slots (zeros), with
   * the same hyper-parameters as this optimizer. It does not read what step() has accumulated; the
   * tensors are the caller's (free them with dispose() on the state's tensors).
   */
  initState(params: ParamTree): OptimizerState {
    return tidy(() => {
      const slots: Record<string, ParamState> = {};
      const flat = flattenTree(params);
      for (const [path, p] of flat) slots[path] = this.initialState(p);
      // float64 parameters get float64 bias corrections.
      const dtype = flat.some(([, p]) => p.dtype === 'float64') ? 'float64' : 'float32';
      return { step: tensor(0, [], dtype), slots };
    });
  }

  /**
   * The functional step: new parameters and state from `grads`, changing nothing (the module, this
   * optimizer and the arguments stay as they are), so a whole training step can be compiled by jit.
   * Parameters without a gradient come back as the same tensors, with their state. One step count
   * serves every parameter; lr and the other hyper-parameters are read at each call (under jit they are
   * constants of the compiled step: a new lr compiles a new one). Write the parameters back with
   * module.assign().
   */
  applyGradients(
    params: ParamTree,
    grads: ParamTree,
    state: OptimizerState,
  ): { params: ParamTree; state: OptimizerState } {
    return tidy(() => {
      const t = add(state.step, 1);
      const flat = new Map(flattenTree(grads));
      const out: [string, Tensor][] = [];
      const slots: Record<string, ParamState> = {};
      for (const [path, p] of flattenTree(params)) {
        const g = flat.get(path);
        const old = state.slots[path];
        if (!g) {
          out.push([path, p]);
          if (old) slots[path] = old;
          continue;
        }
        checkGradient(this.constructor.name, 'applyGradients', path, p, g);
        if (!old) throw new ModuleError(`${this.constructor.name}.applyGradients: no state for '${path}'`);
        const next = this.update(p, g, old, t);
        out.push([path, next.param]);
        slots[path] = next.state;
      }
      return { params: unflattenTree(Object.fromEntries(out)), state: { step: t, slots } };
    });
  }

  /**
   * The update rule for one parameter: its new value and new state from the gradient, the old state and
   * t, this parameter's step number (1 on the first step; a float32 scalar tensor in applyGradients(),
   * whose states always hold initialState()'s slots). Runs inside tidy.
   */
  protected abstract update(
    param: Tensor,
    grad: Tensor,
    state: Readonly<ParamState>,
    t: StepNumber,
  ): { param: Tensor; state: ParamState };

  /** The slots of a parameter before its first step (zeros), for initState(). */
  protected initialState(_param: Tensor): ParamState {
    return {};
  }

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

function checkGradient(optimizer: string, method: string, path: string, p: Tensor, g: Tensor): void {
  if (g.shape.length !== p.shape.length || g.shape.some((d, i) => d !== p.shape[i]))
    throw new ModuleError(
      `${optimizer}.${method}: gradient of '${path}' is [${g.shape.join(', ')}], parameter is [${p.shape.join(', ')}]`,
    );
}
