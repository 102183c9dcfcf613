// The Module base class: named trainable parameters, buffers (non-trainable state such as batchNorm's
// running statistics) and child modules, train/eval modes, and a functional forward pass (apply) that
// runs the module with a given parameter tree so gradients flow through core's valueAndGrad.

import { dispose, isTracing, keep, type Tensor, TraceError } from '@libml/core';
import { flattenTree, isTensor, type ParamTree, type StateDict } from './tree.js';

/**
 * Thrown for misuse of a module: an unknown parameter, buffer or child path, a bad or duplicate name, a state
 * dict or parameter tree that does not match the model, or an optimizer gradient whose shape differs from its
 * parameter's.
 */
export class ModuleError extends Error {
  override name = 'ModuleError';
}

/**
 * Base class of layers and models. Subclasses register parameters, buffers and children in their
 * constructor and implement `forward`; inside `forward` they read parameters with `this.param(name)`
 * and buffers with `this.buffer(name)`.
 *
 * The module owns its tensors: they are exempt from `tidy` (kept) and freed by `dispose()` or when an
 * optimizer or `loadStateDict` replaces them.
 */
export abstract class Module {
  /** True in training mode (the default): batchNorm uses and updates batch statistics, dropout drops. */
  training = true;
  readonly #params = new Map<string, Tensor>();
  readonly #buffers = new Map<string, Tensor>();
  readonly #children = new Map<string, Module>();
  /** The parameter tree that apply() substitutes for the module's own parameters. */
  #bound: ParamTree | undefined;
  /** The buffer tree that applyFunctional() substitutes for the module's own buffers. */
  #boundBuffers: ParamTree | undefined;
  /** During applyFunctional(): the buffers this module replaced (returned, never written to the module). */
  #updates: Map<string, Tensor> | undefined;

  /** The forward pass, reading parameters through `param()`. */
  abstract forward(x: Tensor): Tensor;

  /**
   * Runs `forward(x)` with the parameters in `params` (a tree shaped like `parameters()`; missing
   * entries fall back to the module's own parameters, so a subtree trains only part of a model).
   * This is how gradients reach the parameters:
   * `valueAndGrad((p) => loss(model.apply(p, x), y))(model.parameters())`.
   */
  apply(params: ParamTree, x: Tensor): Tensor {
    const previous = this.#saveBindings();
    this.#bind(params);
    try {
      return this.forward(x);
    } finally {
      this.#restoreBindings(previous);
    }
  }

  /**
   * The forward pass as a pure function of parameters and buffers (Flax's mutable collections): like
   * apply(), with buffers read from `buffers` (a tree like buffers(); missing entries fall back to the
   * module's own), and a buffer that a layer replaces in training mode (batchNorm's running statistics)
   * returned in `buffers` (a tree of just the replaced ones) instead of written to the module. Nothing
   * about the module changes, so a whole training step can be compiled by jit; write the results back
   * with assign().
   */
  applyFunctional(
    params: ParamTree,
    buffers: ParamTree,
    x: Tensor,
  ): { readonly output: Tensor; readonly buffers: ParamTree } {
    const previous = this.#saveBindings();
    this.#bind(params, buffers, true);
    try {
      const output = this.forward(x);
      return { output, buffers: this.#tree((m) => m.#updates ?? new Map()) };
    } finally {
      this.#restoreBindings(previous);
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Registration (for subclasses)

  /** Registers a trainable parameter (kept: tidy leaves it alive). */
  protected addParameter(name: string, value: Tensor): Tensor {
    this.#checkName(name);
    this.#params.set(name, keep(value));
    return value;
  }

  /** Registers a buffer: state saved with the model but not trained (e.g. running statistics). */
  protected addBuffer(name: string, value: Tensor): Tensor {
    this.#checkName(name);
    this.#buffers.set(name, keep(value));
    return value;
  }

  /** Registers a child module under `name`; its parameters nest under that key. */
  protected addModule<M extends Module>(name: string, module: M): M {
    this.#checkName(name);
    this.#children.set(name, module);
    return module;
  }

  /** The parameter `name`: the one apply() substituted, else the module's own. */
  protected param(name: string): Tensor {
    const bound = this.#bound?.[name];
    if (bound !== undefined) {
      if (!isTensor(bound)) {
        const method = this.#updates ? 'applyFunctional()' : 'apply()';
        throw new ModuleError(`${method}: '${name}' must be a tensor, got a subtree`);
      }
      return bound;
    }
    const own = this.#params.get(name);
    if (!own) throw new ModuleError(`${this.constructor.name} has no parameter '${name}'`);
    return own;
  }

  /** The buffer `name`: under applyFunctional(), its replacement or the bound one; else the module's own. */
  protected buffer(name: string): Tensor {
    const b = this.#buffers.get(name);
    if (!b) throw new ModuleError(`${this.constructor.name} has no buffer '${name}'`);
    const updated = this.#updates?.get(name);
    if (updated) return updated;
    const bound = this.#boundBuffers?.[name];
    if (bound !== undefined) {
      if (!isTensor(bound)) {
        throw new ModuleError(`applyFunctional(): buffer '${name}' must be a tensor, got a subtree`);
      }
      return bound;
    }
    return b;
  }

  /**
   * Replaces the buffer `name` with `value` (kept) and disposes the old tensor; under applyFunctional(),
   * records the replacement for its result instead.
   */
  protected setBuffer(name: string, value: Tensor): void {
    const old = this.#buffers.get(name);
    if (!old) throw new ModuleError(`${this.constructor.name} has no buffer '${name}'`);
    if (this.#updates) {
      checkLike(name, old, value);
      this.#updates.set(name, value);
      return;
    }
    if (isTracing()) {
      // A replay would not repeat this update: the buffer would silently stay at its trace-time value.
      throw new TraceError(
        'jit',
        `${this.constructor.name} updates its buffer '${name}' inside a traced function; jit cannot replay module state changes (use applyFunctional(), which returns the new buffers, or eval mode)`,
      );
    }
    this.#buffers.set(name, keep(value));
    if (old !== value) old.dispose();
  }

  // ------------------------------------------------------------------------------------------------
  // Introspection

  /** Direct children, by name. */
  children(): [string, Module][] {
    return [...this.#children];
  }

  /** The trainable parameters as a tree (children nest under their names; parameter-less ones omitted). */
  parameters(): ParamTree {
    return this.#tree((m) => m.#params);
  }

  /** The buffers as a tree. */
  buffers(): ParamTree {
    return this.#tree((m) => m.#buffers);
  }

  /** Every parameter with its dotted name. */
  namedParameters(): [string, Tensor][] {
    return this.#named((m) => m.#params);
  }

  /** Every buffer with its dotted name. */
  namedBuffers(): [string, Tensor][] {
    return this.#named((m) => m.#buffers);
  }

  /** How many scalars the parameters hold. */
  numParameters(): number {
    return this.namedParameters().reduce((n, [, t]) => n + t.size, 0);
  }

  /** Parameters and buffers by dotted name (what save/load use). The tensors are the module's own. */
  stateDict(): StateDict {
    return Object.fromEntries([...this.namedParameters(), ...this.namedBuffers()]);
  }

  // ------------------------------------------------------------------------------------------------
  // Replacement

  /** Replaces the parameter at dotted `path` with `value` (kept) and disposes the old tensor. */
  setParameter(path: string, value: Tensor): void {
    const [owner, name] = this.#resolve(path);
    const old = owner.#params.get(name);
    if (!old) throw new ModuleError(`no parameter '${path}'`);
    checkLike(path, old, value);
    owner.#params.set(name, keep(value));
    if (old !== value) old.dispose();
  }

  /**
   * Replaces parameters and buffers with the tensors in `dict` (kept; the old ones are disposed). With
   * `strict` (default) every entry of the model must be present and no other; shapes and dtypes must
   * match. The module takes ownership of the given tensors.
   */
  loadStateDict(dict: StateDict, options: { strict?: boolean } = {}): void {
    const strict = options.strict ?? true;
    const own = this.stateDict();
    if (strict) {
      const missing = Object.keys(own).filter((k) => !(k in dict));
      const unexpected = Object.keys(dict).filter((k) => !(k in own));
      if (missing.length || unexpected.length) {
        throw new ModuleError(
          `loadStateDict: missing [${missing.join(', ')}], unexpected [${unexpected.join(', ')}]`,
        );
      }
    }
    for (const [path, value] of Object.entries(dict)) {
      if (!(path in own)) continue;
      checkLike(path, own[path], value);
    }
    for (const [path, value] of Object.entries(dict)) {
      if (!(path in own)) continue;
      const [owner, name] = this.#resolve(path);
      const map = owner.#params.has(name) ? owner.#params : owner.#buffers;
      const old = map.get(name)!;
      map.set(name, keep(value));
      if (old !== value) old.dispose();
    }
  }

  /**
   * Replaces the parameters and buffers found in `tree` (shaped like parameters() or buffers(), or both
   * merged; the results of an optimizer's applyGradients() and of applyFunctional()), keeping the given
   * tensors and disposing the old ones; entries it does not name stay.
   */
  assign(tree: ParamTree): void {
    const dict: StateDict = Object.fromEntries(flattenTree(tree));
    const own = this.stateDict();
    // Every name must be the model's: a typo would otherwise be skipped silently.
    const unknown = Object.keys(dict).filter((k) => !(k in own));
    if (unknown.length) throw new ModuleError(`assign: no parameter or buffer [${unknown.join(', ')}]`);
    this.loadStateDict(dict, { strict: false });
  }

  // ------------------------------------------------------------------------------------------------
  // Modes and lifetime

  /** Sets training mode on this module and every descendant. */
  train(mode = true): this {
    this.training = mode;
    for (const c of this.#children.values()) c.train(mode);
    return this;
  }

  /** Inference mode: batchNorm uses running statistics, dropout is the identity. */
  eval(): this {
    return this.train(false);
  }

  /** Frees every parameter and buffer of this module and its descendants. */
  dispose(): void {
    for (const c of this.#children.values()) c.dispose();
    dispose([...this.#params.values(), ...this.#buffers.values()]);
  }

  // ------------------------------------------------------------------------------------------------
  // Internals

  #checkName(name: string): void {
    if (name === '' || name.includes('.'))
      throw new ModuleError(`invalid name '${name}': names are non-empty and contain no '.'`);
    if (this.#params.has(name) || this.#buffers.has(name) || this.#children.has(name))
      throw new ModuleError(`${this.constructor.name} already has an entry named '${name}'`);
  }

  #tree(pick: (m: Module) => Map<string, Tensor>): ParamTree {
    const out: ParamTree = Object.fromEntries(pick(this));
    for (const [name, child] of this.#children) {
      const sub = child.#tree(pick);
      if (Object.keys(sub).length > 0) out[name] = sub;
    }
    return out;
  }

  #named(pick: (m: Module) => Map<string, Tensor>, prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = [...pick(this)].map(([k, t]) => [prefix + k, t]);
    for (const [name, child] of this.#children) out.push(...child.#named(pick, `${prefix}${name}.`));
    return out;
  }

  #resolve(path: string): [Module, string] {
    const parts = path.split('.');
    let m: Module = this;
    for (const part of parts.slice(0, -1)) {
      const c = m.#children.get(part);
      if (!c) throw new ModuleError(`no module '${part}' on the path '${path}'`);
      m = c;
    }
    return [m, parts[parts.length - 1]];
  }

  #bind(tree: ParamTree | undefined, buffers?: ParamTree, functional = false): void {
    this.#bound = tree;
    this.#boundBuffers = functional ? buffers : undefined;
    this.#updates = functional ? new Map() : undefined;
    for (const [name, child] of this.#children) {
      const sub = tree?.[name];
      const method = functional ? 'applyFunctional()' : 'apply()';
      if (sub !== undefined && isTensor(sub))
        throw new ModuleError(`${method}: '${name}' is a module, got a tensor in the parameter tree`);
      const subBuffers = buffers?.[name];
      if (subBuffers !== undefined && isTensor(subBuffers))
        throw new ModuleError(`applyFunctional(): '${name}' is a module, got a tensor in the buffer tree`);
      child.#bind(sub, subBuffers, functional);
    }
  }

  #saveBindings(): Map<Module, Binding> {
    const out = new Map<Module, Binding>([[this, [this.#bound, this.#boundBuffers, this.#updates]]]);
    for (const c of this.#children.values()) for (const [m, b] of c.#saveBindings()) out.set(m, b);
    return out;
  }

  #restoreBindings(saved: Map<Module, Binding>): void {
    for (const [m, [params, buffers, updates]] of saved) {
      m.#bound = params;
      m.#boundBuffers = buffers;
      m.#updates = updates;
    }
  }
}

/** What apply() / applyFunctional() bind on a module: parameters, buffers, and the buffer updates. */
type Binding = [ParamTree | undefined, ParamTree | undefined, Map<string, Tensor> | undefined];

function checkLike(path: string, old: Tensor, value: Tensor): void {
  const same = old.shape.length === value.shape.length && old.shape.every((d, i) => d === value.shape[i]);
  if (!same || old.dtype !== value.dtype) {
    throw new ModuleError(
      `'${path}' is ${old.dtype} [${old.shape.join(', ')}], got ${value.dtype} [${value.shape.join(', ')}]`,
    );
  }
}
