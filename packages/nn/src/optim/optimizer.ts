// The Optimizer base class: walks a module's parameters with a gradient tree shaped like
// module.parameters(), computes each new parameter and its state in a tidy scope, then swaps them into the
// module in place (the old parameter and state tensors are disposed, so nothing leaks across steps).

import { add, cast, type DType, dispose, keep, reshape, type Tensor, tensor, tidy } from '@libml/core';
import { type Module, ModuleError } from '../module.js';
import { flattenTree, type ParamTree, unflattenTree } from '../tree.js';

/** Per-parameter optimizer state (momentum buffers, moment estimates). */
export type ParamState = Record<string, Tensor>;

/**
 * An optimizer's whole state as tensors, for the functional step (applyGradients): what a jit-compiled
 * training step takes in and gives back. Free one with core's dispose(state).
 */
export interface OptimizerState {
  /** Steps taken: a scalar, float64 when a parameter is float64, else float32. */
  readonly step: Tensor;
  /**
   * The learning rate applyGradients uses: a scalar like `step`, set from the optimizer's lr by initState.
   * For a schedule use withLearningRate(): it is an input of a compiled step, so one program serves every
   * value (the optimizer's own `lr` is read only by step()).
   */
  readonly lr: Tensor;
  /** Each parameter's state (moments, momentum) by its dotted path. */
  readonly slots: { readonly [path: string]: ParamState };
}

/** The step number and learning rate the functional rule gets, as scalars of the parameter's dtype. */
export interface FunctionalHyperParams {
  /** This step's number (1 on the first). */
  readonly t: Tensor;
  readonly lr: Tensor;
}

/**
 * Base class of optimizers: step(grads) updates the module's parameters in place and keeps per-parameter
 * state; subclasses implement the update rule. The constructor throws RangeError for a negative learning
 * rate.
 */
export abstract class Optimizer {
  /**
   * Learning rate of step(); may be changed between steps (schedules). applyGradients() reads the state's
   * `lr` instead (see withLearningRate); initState() copies this one.
   */
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
   * A fresh state for the functional step: step 0, the optimizer's current lr, and each parameter's
   * initial slots (zeros), with this optimizer's other hyper-parameters. It does not read what step() has
   * accumulated. The tensors are the caller's: free them with core's dispose(state).
   */
  initState(params: ParamTree): OptimizerState {
    return tidy(() => {
      const slots: Record<string, ParamState> = {};
      const flat = flattenTree(params);
      for (const [path, p] of flat) slots[path] = this.initialState(p);
      // float64 parameters get float64 bias corrections (each parameter sees them in its own dtype).
      const dtype = flat.some(([, p]) => p.dtype === 'float64') ? 'float64' : 'float32';
      return { step: tensor(0, [], dtype), lr: tensor(this.lr, [], dtype), slots };
    });
  }

  /**
   * The functional step: new parameters and state from `grads`, changing nothing (the module, this
   * optimizer and the arguments stay as they are), so a whole training step can be compiled by jit. The
   * learning rate and step count come from `state` (tensors: one compiled step serves every step and
   * every lr); the other hyper-parameters (betas, momentum, weight decay) are the optimizer's, constants
   * of a compiled step. One step count serves every parameter. A parameter without a gradient comes back
   * unchanged, with its slots (as new handles: disposing the old state never frees the new one). A
   * gradient for a path that `params` lacks is a ModuleError. Write the parameters back with
   * module.assign(). Optimizers implement it through functionalUpdate().
   */
  applyGradients<P extends ParamTree>(
    params: P,
    grads: ParamTree,
    state: OptimizerState,
  ): { params: P; state: OptimizerState } {
    const name = this.constructor.name;
    if (definedBelow(this, 'update', 'functionalUpdate')) {
      // A subclass that changed step()'s rule but not the functional one would train differently here.
      throw new ModuleError(
        `${name} overrides update() but not functionalUpdate(): applyGradients cannot apply its rule (override functionalUpdate(), and initialState() for its slots)`,
      );
    }
    return tidy(() => {
      const t = add(state.step, 1);
      // A rule may hand back a tensor it was given (an unchanged slot): such results get handles of their
      // own, so disposing the old state or the gradients never frees the new state.
      const given = new Set<Tensor>([
        ...flattenTree(params).map(([, x]) => x),
        ...flattenTree(grads).map(([, x]) => x),
        state.step,
        state.lr,
        ...Object.values(state.slots).flatMap((slot) => Object.values(slot)),
      ]);
      const gradByPath = new Map(flattenTree(grads));
      const flat = flattenTree(params);
      const known = new Set(flat.map(([path]) => path));
      const unknown = [...gradByPath.keys()].filter((path) => !known.has(path));
      if (unknown.length) {
        throw new ModuleError(`${name}.applyGradients: gradients for no parameter [${unknown.join(', ')}]`);
      }
      const handle = (x: Tensor) => reshape(x, x.shape);
      const out: [string, Tensor][] = [];
      const slots: Record<string, ParamState> = {};
      for (const [path, p] of flat) {
        const g = gradByPath.get(path);
        const old = state.slots[path];
        if (!g) {
          out.push([path, handle(p)]);
          if (old) slots[path] = Object.fromEntries(Object.entries(old).map(([k, v]) => [k, handle(v)]));
          continue;
        }
        checkGradient(name, 'applyGradients', path, p, g);
        if (!old) throw new ModuleError(`${name}.applyGradients: no state for '${path}' (use initState)`);
        const next = this.functionalUpdate(p, g, old, {
          t: asDType(t, p.dtype),
          lr: asDType(state.lr, p.dtype),
        });
        const own = (x: Tensor) => (given.has(x) ? handle(x) : x);
        out.push([path, own(next.param)]);
        slots[path] = Object.fromEntries(Object.entries(next.state).map(([k, v]) => [k, own(v)]));
      }
      return {
        params: unflattenTree(Object.fromEntries(out)) as P,
        state: { step: t, lr: handle(state.lr), slots },
      };
    });
  }

  /**
   * A state like `state` with learning rate `lr` (a scalar of the state's dtype), for a schedule under
   * applyGradients: `state = opt.withLearningRate(state, 0.01)`. The old state's `lr` tensor is disposed
   * and the rest is shared, so use the returned state from then on. Under jit the lr is an input: no new
   * compile.
   */
  withLearningRate(state: OptimizerState, lr: number): OptimizerState {
    if (!(lr >= 0)) throw new RangeError(`learning rate must be >= 0, got ${lr}`);
    const next = { ...state, lr: tensor(lr, [], state.lr.dtype) };
    state.lr.dispose();
    return next;
  }

  /**
   * The update rule for one parameter: its new value and new state from the gradient, the old state and
   * t, this parameter's step number (1 on the first step). Runs inside tidy. A subclass that overrides it
   * must override functionalUpdate() too (or applyGradients refuses to run).
   */
  protected abstract update(
    param: Tensor,
    grad: Tensor,
    state: Readonly<ParamState>,
    t: number,
  ): { param: Tensor; state: ParamState };

  /**
   * The same rule for applyGradients, in tensors: t and lr are scalars of the parameter's dtype, and the
   * state always holds initialState()'s slots. An optimizer without it cannot take functional steps (the
   * default throws a ModuleError). Runs inside tidy.
   */
  protected functionalUpdate(
    _param: Tensor,
    _grad: Tensor,
    _state: Readonly<ParamState>,
    _hyper: FunctionalHyperParams,
  ): { param: Tensor; state: ParamState } {
    throw new ModuleError(
      `${this.constructor.name} has no functional update rule: override functionalUpdate() (and initialState()) to use applyGradients`,
    );
  }

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

/** Whether `lower` is defined further down `obj`'s prototype chain than `upper` (a more derived class). */
function definedBelow(obj: object, lower: string, upper: string): boolean {
  for (let proto = Object.getPrototypeOf(obj); proto; proto = Object.getPrototypeOf(proto)) {
    const hasLower = Object.hasOwn(proto, lower);
    const hasUpper = Object.hasOwn(proto, upper);
    if (hasUpper) return false;
    if (hasLower) return true;
  }
  return false;
}

function asDType(x: Tensor, dtype: DType): Tensor {
  return x.dtype === dtype ? x : cast(x, dtype);
}

function checkGradient(optimizer: string, method: string, path: string, p: Tensor, g: Tensor): void {
  if (g.shape.length !== p.shape.length || g.shape.some((d, i) => d !== p.shape[i]))
    throw new ModuleError(
      `${optimizer}.${method}: gradient of '${path}' is [${g.shape.join(', ')}], parameter is [${p.shape.join(', ')}]`,
    );
}
