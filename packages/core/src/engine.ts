// The engine: backend registry, tensor bookkeeping (scopes, views, memory), op dispatch to a backend
// kernel or core's decomposition, and the tapes reverse-mode autodiff records on.

import type { Backend, DataId, KernelName, KernelTable, TensorInfo, TensorSpec } from './backend.js';
import { PRIMITIVES, PRIMITIVES_VERSION } from './backend.js';
// Gradient accumulation uses ops; the cycle is safe because they are only called at run time.
import { zerosLike } from './creation.js';
import { allocArray, bytesPerElement, type DataArray, type DType, isFloat } from './dtype.js';
import {
  AsyncOnlyError,
  BackendError,
  BackendMismatchError,
  DisposedTensorError,
  DTypeError,
  LibmlError,
  MissingKernelError,
  NoBackendError,
  ShapeError,
} from './errors.js';
import { add } from './ops/add.js';
import { cast } from './ops/cast.js';
import { shapesEqual, sizeOf } from './shape.js';
import { bindTensorEngine, newTensorId, Tensor } from './tensor.js';

/** A gradient rule: cotangents of the outputs in, cotangents of the inputs out (null: none). */
export type VjpRule<A> = (
  dys: readonly Tensor[],
  inputs: readonly Tensor[],
  outputs: readonly Tensor[],
  attrs: A,
) => readonly (Tensor | null)[];

/**
 * An operator's definition: its kernel name, shape rule, decomposition and gradient, together.
 * Exactly one of `kernel`, `decompose` or `view` says how to compute it; a backend kernel with the
 * op's name always wins over the decomposition.
 */
export interface OpSpec<A> {
  readonly name: string;
  /** Output shapes and dtypes; throws typed errors for bad inputs. */
  infer(inputs: readonly Tensor[], attrs: A): TensorSpec[];
  /** The op in terms of other public ops, for backends without a native kernel. */
  decompose?(inputs: readonly Tensor[], attrs: A): Tensor[];
  /** The output shares the first input's data with a new shape (reshape and friends). */
  view?: boolean;
  /** The gradient rule. Without one, differentiable ops get their gradient from the decomposition. */
  vjp?: VjpRule<A>;
  /** No gradient flows through this op (comparisons, argMax, ...). */
  nondifferentiable?: boolean;
  /** One output element depends only on the same element of each (broadcast) input: jit may fuse it. */
  elementwise?: boolean;
}

/** Which implementation ran: reported to listeners (the conformance report's provenance). */
export interface KernelEvent {
  readonly op: string;
  readonly backend: string;
  readonly path: 'native' | 'decomposed' | 'view' | 'empty';
}

interface DataRecord {
  refs: number;
  readonly bytes: number;
}

interface BackendEntry {
  readonly factory: () => Backend | Promise<Backend>;
  readonly priority: number;
  instance?: Backend;
  initializing?: Promise<Backend>;
}

interface TapeNode {
  readonly inputs: readonly Tensor[];
  readonly outputs: readonly Tensor[];
  readonly backprop: (dys: readonly Tensor[]) => readonly (Tensor | null)[];
}

/** A recording of differentiable ops reachable from the watched tensors. */
export class Tape {
  readonly tracked = new Set<number>();
  readonly nodes: TapeNode[] = [];
  /** Views of every tensor a node saved, so tidy() inside the traced function cannot free them. */
  readonly saved: Tensor[] = [];
  dispose(): void {
    for (const t of this.saved) disposeTensor(t);
    this.saved.length = 0;
    this.nodes.length = 0;
  }
}

/** What jit's tracer hears from the engine while it traces (see jit/trace.ts). */
export interface TraceHooks {
  /** A backend kernel ran. */
  kernel(
    name: string,
    inputs: readonly Tensor[],
    attrs: unknown,
    specs: readonly TensorSpec[],
    outputs: readonly Tensor[],
  ): void;
  /** Host values became a tensor (a constant of the traced program). */
  constant(values: DataArray, t: Tensor): void;
  /** The backend released a storage handle (it may hand the same object out again). */
  freed(dataId: DataId): void;
  /** Whether to run `spec`'s decomposition instead of the backend's kernel (so its parts can fuse). */
  preferDecomposition(spec: OpSpec<never>, b: Backend): boolean;
  /** Core's live byte count on `b` changed. */
  bytes(b: Backend, live: number): void;
  /** What traced code may not do: read data, draw random numbers. Throws a TraceError. */
  forbid(op: string, what: string): never;
}

interface EngineState {
  trace?: TraceHooks;
  backends: Map<string, BackendEntry>;
  current?: Backend;
  scopes: Set<Tensor>[];
  tapes: Tape[];
  data: Map<DataId, DataRecord>;
  live: Map<Backend, { tensors: number; bytes: number }>;
  listeners: Set<(e: KernelEvent) => void>;
}

// One engine per process even when the ESM and CJS builds are both loaded.
const KEY = Symbol.for('@libml/core/engine');
type GlobalWithEngine = typeof globalThis & { [KEY]?: EngineState };
const g = globalThis as GlobalWithEngine;
g[KEY] ??= {
  backends: new Map(),
  scopes: [],
  tapes: [],
  data: new Map(),
  live: new Map(),
  listeners: new Set(),
};
const state: EngineState = g[KEY];

// ---------------------------------------------------------------------------------------------------------
// Registry

/** Registers a backend factory. The highest priority one becomes the default. */
export function registerBackend(name: string, factory: () => Backend | Promise<Backend>, priority = 1): void {
  state.backends.set(name, { factory, priority });
}

/** Forgets a backend (its live tensors stay usable until disposed). */
export function removeBackend(name: string): void {
  const entry = state.backends.get(name);
  if (entry?.instance && state.current === entry.instance) state.current = undefined;
  state.backends.delete(name);
}

/** Names of the registered backends, in registration order, whether initialised or not. */
export function registeredBackends(): string[] {
  return [...state.backends.keys()];
}

function checkBackend(name: string, b: Backend): Backend {
  const missing = PRIMITIVES.filter((k) => typeof b.kernels[k] !== 'function');
  if (missing.length > 0) {
    throw new BackendError('setBackend', `backend '${name}' lacks primitives: ${missing.join(', ')}`);
  }
  if (b.primitivesVersion > PRIMITIVES_VERSION) {
    throw new BackendError(
      'setBackend',
      `backend '${name}' implements primitives v${b.primitivesVersion}, this core knows v${PRIMITIVES_VERSION}`,
    );
  }
  return b;
}

async function initBackend(name: string): Promise<Backend> {
  const entry = state.backends.get(name);
  if (!entry) {
    throw new NoBackendError(
      'setBackend',
      `no backend named '${name}' is registered (registered: ${registeredBackends().join(', ') || 'none'})`,
    );
  }
  if (entry.instance) return entry.instance;
  entry.initializing ??= (async () => {
    const b = await entry.factory();
    await b.ready?.();
    entry.instance = checkBackend(name, b);
    return b;
  })();
  return entry.initializing;
}

/** Selects the backend new tensors go to, initialising it if needed. */
export async function setBackend(name: string): Promise<void> {
  state.current = await initBackend(name);
}

/** Initialises the default backend (the highest priority one) unless one is selected. */
export async function ready(): Promise<void> {
  if (state.current) return;
  const best = bestBackendName();
  if (!best) throw new NoBackendError('ready');
  await setBackend(best);
}

function bestBackendName(): string | undefined {
  let best: [string, number] | undefined;
  for (const [name, e] of state.backends) if (!best || e.priority > best[1]) best = [name, e.priority];
  return best?.[0];
}

/** The current backend, initialised synchronously on first use when its factory allows. */
export function currentBackend(op = 'getBackend'): Backend {
  if (state.current) return state.current;
  const name = bestBackendName();
  if (!name) throw new NoBackendError(op);
  const entry = state.backends.get(name)!;
  if (!entry.instance) {
    const b = entry.factory();
    if (b instanceof Promise || typeof b.ready === 'function') {
      if (b instanceof Promise) b.catch(() => undefined);
      throw new NoBackendError(op, `backend '${name}' initialises asynchronously: \`await ready()\` first`);
    }
    entry.instance = checkBackend(name, b);
  }
  state.current = entry.instance;
  return state.current;
}

/** Name of the current backend. */
export function getBackend(): string {
  return currentBackend().name;
}

/** The backend instance registered under `name`, if initialised. */
export function findBackend(name: string): Backend | undefined {
  return state.backends.get(name)?.instance;
}

// ---------------------------------------------------------------------------------------------------------
// Tensor bookkeeping

/** Tensors held by tapes: they keep data alive but are not user tensors. */
const hiddenTensors = new WeakSet<Tensor>();

function liveOf(b: Backend) {
  let live = state.live.get(b);
  if (!live) {
    live = { tensors: 0, bytes: 0 };
    state.live.set(b, live);
  }
  return live;
}

function track(t: Tensor, hidden: boolean): Tensor {
  const rec = state.data.get(t.dataId);
  if (rec) rec.refs++;
  else {
    const bytes = t.size * bytesPerElement(t.dtype);
    state.data.set(t.dataId, { refs: 1, bytes });
    const live = liveOf(t.backendInstance);
    live.bytes += bytes;
    state.trace?.bytes(t.backendInstance, live.bytes);
  }
  if (hidden) hiddenTensors.add(t);
  else {
    liveOf(t.backendInstance).tensors++;
    state.scopes[state.scopes.length - 1]?.add(t);
  }
  return t;
}

/** Wraps a backend storage handle in a tensor registered in the current scope. */
export function makeTensor(dataId: DataId, shape: readonly number[], dtype: DType, b: Backend): Tensor {
  return track(new Tensor(newTensorId(), shape, dtype, dataId, b), false);
}

/** Uploads host values to the backend as a new tensor. */
export function writeTensor(values: DataArray, shape: readonly number[], dtype: DType, b: Backend): Tensor {
  if (dtype === 'float64' && !b.capabilities.float64) {
    throw new DTypeError('tensor', 'dtype', `float64 is not supported by backend '${b.name}'`);
  }
  const t = makeTensor(b.write(values, shape, dtype), shape, dtype, b);
  state.trace?.constant(values, t);
  return t;
}

/** Another tensor over the same data. Tape copies keep the id (same value) and stay out of scopes. */
export function viewOf(t: Tensor, shape: readonly number[], tapeCopy = false): Tensor {
  const v = new Tensor(tapeCopy ? t.id : newTensorId(), shape, t.dtype, t.dataId, t.backendInstance);
  return track(v, tapeCopy);
}

export function disposeTensor(t: Tensor): void {
  if (t.isDisposedInternal) return;
  t.isDisposedInternal = true;
  if (!hiddenTensors.has(t)) liveOf(t.backendInstance).tensors--;
  const rec = state.data.get(t.dataId);
  if (!rec) return;
  rec.refs--;
  if (rec.refs === 0) {
    state.data.delete(t.dataId);
    liveOf(t.backendInstance).bytes -= rec.bytes;
    t.backendInstance.dispose(t.dataId);
    state.trace?.freed(t.dataId);
  }
}

function assertLive(op: string, arg: string, t: Tensor): void {
  if (t.isDisposedInternal) throw new DisposedTensorError(op, arg, t.shape);
}

bindTensorEngine({
  read(t) {
    assertLive('data', 'tensor', t);
    if (state.trace) state.trace.forbid('data', "read a tensor's values");
    return t.backendInstance.read(t.dataId);
  },
  readSync(t) {
    assertLive('dataSync', 'tensor', t);
    if (state.trace) state.trace.forbid('dataSync', "read a tensor's values");
    const b = t.backendInstance;
    if (!b.readSync) throw new AsyncOnlyError('dataSync', b.name);
    return b.readSync(t.dataId);
  },
  dispose: disposeTensor,
});

/** What memory() reports: live tensors and bytes, in total and per backend. */
export interface MemoryInfo {
  /** Live user tensors, all backends. */
  readonly numTensors: number;
  /** Bytes of live tensor data as core counts it (views share), all backends. */
  readonly numBytes: number;
  /** Per backend: core's counts and the backend's own report of its allocations. */
  readonly backends: Record<
    string,
    { tensors: number; bytes: number; buffers: number; backendBytes: number }
  >;
}

/**
 * Counts the live tensors and the bytes of their data (views share it), in total and per backend, next to
 * each backend's own report of its allocations: a count that grows across training steps is a leak.
 */
export function memory(): MemoryInfo {
  const backends: MemoryInfo['backends'] = {};
  let numTensors = 0;
  let numBytes = 0;
  for (const [b, live] of state.live) {
    const own = b.memory();
    backends[b.name] = {
      tensors: live.tensors,
      bytes: live.bytes,
      buffers: own.buffers,
      backendBytes: own.bytes,
    };
    numTensors += live.tensors;
    numBytes += live.bytes;
  }
  return { numTensors, numBytes, backends };
}

// ---------------------------------------------------------------------------------------------------------
// Scopes

/** A JS value that may hold tensors: a tensor, or arrays and plain objects of them. */
export type TensorContainer =
  | Tensor
  | readonly TensorContainer[]
  | { readonly [key: string]: TensorContainer }
  | unknown;

/** Every tensor inside a container. */
export function tensorsIn(value: unknown, out: Tensor[] = []): Tensor[] {
  if (value instanceof Tensor) out.push(value);
  else if (Array.isArray(value)) for (const v of value) tensorsIn(v, out);
  else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const v of Object.values(value)) tensorsIn(v, out);
  }
  return out;
}

/**
 * Runs `fn` and disposes every tensor it created except those it returns (in arrays or plain objects)
 * and those passed to keep(). Disposes them all if `fn` throws.
 */
export function tidy<T>(fn: () => T): T {
  const scope = new Set<Tensor>();
  state.scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    state.scopes.pop();
    for (const t of scope) if (!t.kept) disposeTensor(t);
    throw e;
  }
  state.scopes.pop();
  if (result instanceof Promise) {
    throw new LibmlError('tidy', 'the function returned a Promise; tidy() only manages synchronous code');
  }
  const keepers = new Set(tensorsIn(result));
  const parent = state.scopes[state.scopes.length - 1];
  for (const t of scope) {
    if (keepers.has(t)) parent?.add(t);
    else if (!t.kept) disposeTensor(t);
  }
  return result;
}

/** Exempts a tensor from every tidy() scope; dispose it yourself. */
export function keep<T extends Tensor>(t: T): T {
  t.kept = true;
  return t;
}

/** Disposes every tensor inside a container. */
export function dispose(value: unknown): void {
  for (const t of tensorsIn(value)) disposeTensor(t);
}

// ---------------------------------------------------------------------------------------------------------
// Kernel events (provenance)

/** Calls `listener` for every op run; returns a function that unsubscribes. */
export function onKernel(listener: (e: KernelEvent) => void): () => void {
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

function emit(op: string, b: Backend, path: KernelEvent['path']): void {
  if (state.listeners.size === 0) return;
  const e = { op, backend: b.name, path };
  for (const l of state.listeners) l(e);
}

// ---------------------------------------------------------------------------------------------------------
// Dispatch

function ownerBackend(op: string, inputs: readonly Tensor[]): Backend {
  if (inputs.length === 0) return currentBackend(op);
  const b = inputs[0].backendInstance;
  inputs.forEach((t, i) => {
    assertLive(op, `input ${i}`, t);
    if (t.backendInstance !== b) throw new BackendMismatchError(op, `input ${i}`, b.name, t.backend);
  });
  return b;
}

function info(t: Tensor): TensorInfo {
  return { dataId: t.dataId, shape: t.shape, dtype: t.dtype };
}

/** Runs an operator: its backend kernel when there is one, else its decomposition; records its gradient. */
export function apply<A>(spec: OpSpec<A>, inputs: readonly Tensor[], attrs: A): Tensor[] {
  const b = ownerBackend(spec.name, inputs);
  const specs = spec.infer(inputs, attrs);
  let outputs: Tensor[];
  if (spec.view) {
    outputs = [viewOf(inputs[0], specs[0].shape)];
    emit(spec.name, b, 'view');
  } else if (specs.every((s) => sizeOf(s.shape) === 0)) {
    // Nothing to compute: no zero-size kernel launches.
    outputs = specs.map((s) => writeTensor(allocArray(s.dtype, 0), s.shape, s.dtype, b));
    emit(spec.name, b, 'empty');
  } else {
    const kernel = (b.kernels as Partial<Record<string, KernelTable[KernelName]>>)[spec.name] as
      | ((i: readonly TensorInfo[], a: A, o: readonly TensorSpec[]) => DataId[])
      | undefined;
    if (kernel && !(spec.decompose && state.trace?.preferDecomposition(spec as OpSpec<never>, b))) {
      for (const s of specs) {
        if (s.dtype === 'float64' && !b.capabilities.float64) {
          throw new DTypeError(spec.name, 'dtype', `float64 is not supported by backend '${b.name}'`);
        }
      }
      const ids = kernel(inputs.map(info), attrs, specs);
      outputs = ids.map((id, i) => makeTensor(id, specs[i].shape, specs[i].dtype, b));
      state.trace?.kernel(spec.name, inputs, attrs, specs, outputs);
      emit(spec.name, b, 'native');
    } else if (spec.decompose) {
      const decompose = spec.decompose;
      outputs = onBackend(b, () => withoutTapes(() => tidy(() => decompose(inputs, attrs)))).map((t) =>
        inputs.includes(t) ? viewOf(t, t.shape) : t,
      );
      outputs.forEach((t, i) => {
        if (!shapesEqual(t.shape, specs[i].shape) || t.dtype !== specs[i].dtype) {
          throw new ShapeError(
            spec.name,
            `decomposition produced ${t.dtype} where the shape rule says ${specs[i].dtype}`,
            {
              decomposed: t.shape,
              expected: specs[i].shape,
            },
          );
        }
      });
      emit(spec.name, b, 'decomposed');
    } else {
      throw new MissingKernelError(spec.name, spec.name, b.name);
    }
  }
  if (state.tapes.length > 0 && !spec.nondifferentiable) record(spec, inputs, outputs, attrs);
  return outputs;
}

/** Runs `fn` with `b` as the current backend, so constants a decomposition creates land beside its inputs. */
function onBackend<T>(b: Backend, fn: () => T): T {
  const saved = state.current;
  state.current = b;
  try {
    return fn();
  } finally {
    state.current = saved;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Tapes

function withoutTapes<T>(fn: () => T): T {
  const saved = state.tapes;
  state.tapes = [];
  try {
    return fn();
  } finally {
    state.tapes = saved;
  }
}

function record<A>(spec: OpSpec<A>, inputs: readonly Tensor[], outputs: readonly Tensor[], attrs: A): void {
  for (const tape of state.tapes) {
    if (!inputs.some((t) => tape.tracked.has(t.id))) continue;
    const ins = inputs.map((t) => viewOf(t, t.shape, true));
    const outs = outputs.map((t) => viewOf(t, t.shape, true));
    tape.saved.push(...ins, ...outs);
    const rule = spec.vjp;
    const backprop = rule
      ? (dys: readonly Tensor[]) => rule(dys, ins, outs, attrs)
      : (dys: readonly Tensor[]) => vjpOfDecomposition(spec, ins, attrs, dys);
    tape.nodes.push({ inputs: ins, outputs: outs, backprop });
    for (const o of outputs) if (isFloat(o.dtype)) tape.tracked.add(o.id);
  }
}

/** An op without its own gradient rule: differentiate its decomposition, recomputed under a tape. */
function vjpOfDecomposition<A>(
  spec: OpSpec<A>,
  inputs: readonly Tensor[],
  attrs: A,
  dys: readonly Tensor[],
): (Tensor | null)[] {
  const decompose = spec.decompose;
  if (!decompose) throw new LibmlError(spec.name, 'has neither a gradient rule nor a decomposition');
  return traceVjp((xs) => decompose(xs, attrs), inputs, dys);
}

/**
 * Runs `fn` on copies of `inputs` under a new tape and backpropagates `dys` from its outputs.
 * Outer tapes record the whole computation, so the result is itself differentiable.
 */
export function traceVjp(
  fn: (inputs: readonly Tensor[]) => readonly Tensor[],
  inputs: readonly Tensor[],
  dys: readonly Tensor[],
): (Tensor | null)[] {
  const tape = new Tape();
  try {
    const copies = inputs.map((x) => watch(tape, x));
    state.tapes.push(tape);
    let outputs: readonly Tensor[];
    try {
      outputs = fn(copies);
    } finally {
      state.tapes.pop();
    }
    const grads = backprop(tape, outputs, dys);
    return copies.map((c) => grads.get(c.id) ?? null);
  } finally {
    tape.dispose();
  }
}

const identitySpec: OpSpec<null> = {
  name: 'identity',
  view: true,
  infer: ([x]) => [{ shape: x.shape, dtype: x.dtype }],
  vjp: ([dy]) => [dy],
};

/** A fresh copy of `x` (so one tensor passed twice is two variables) that `tape` tracks. */
export function watch(tape: Tape, x: Tensor): Tensor {
  const copy = apply(identitySpec, [x], null)[0];
  if (isFloat(copy.dtype)) tape.tracked.add(copy.id);
  return copy;
}

/** Starts recording onto `tape` for the duration of `fn`. */
export function recording<T>(tape: Tape, fn: () => T): T {
  state.tapes.push(tape);
  try {
    return fn();
  } finally {
    const i = state.tapes.lastIndexOf(tape);
    if (i >= 0) state.tapes.splice(i, 1);
  }
}

/** Reverse sweep: cotangents for every tracked tensor reachable backwards from `outputs`. */
export function backprop(
  tape: Tape,
  outputs: readonly Tensor[],
  cotangents: readonly Tensor[],
): Map<number, Tensor> {
  const grads = new Map<number, Tensor>();
  const accumulate = (id: number, g: Tensor) => {
    const prev = grads.get(id);
    grads.set(id, prev ? add(prev, g) : g);
  };
  outputs.forEach((o, i) => {
    if (tape.tracked.has(o.id)) accumulate(o.id, cotangents[i]);
  });
  for (let n = tape.nodes.length - 1; n >= 0; n--) {
    const node = tape.nodes[n];
    if (!node.outputs.some((o) => grads.has(o.id))) continue;
    const dys = node.outputs.map((o) => grads.get(o.id) ?? zerosLike(o));
    const dxs = node.backprop(dys);
    node.inputs.forEach((x, i) => {
      const dx = dxs[i];
      if (!dx || !tape.tracked.has(x.id)) return;
      if (!shapesEqual(dx.shape, x.shape)) {
        throw new ShapeError('backprop', 'a gradient rule returned a gradient of the wrong shape', {
          gradient: dx.shape,
          input: x.shape,
        });
      }
      accumulate(x.id, dx.dtype === x.dtype ? dx : cast(dx, x.dtype));
    });
  }
  return grads;
}

/** Runs `fn` with no tape recording (stopGradient and customGrad's forward pass use it). */
export { withoutTapes };

/** Records a node with an explicit backward function (customGrad). */
export function recordNode(
  name: string,
  inputs: readonly Tensor[],
  outputs: readonly Tensor[],
  backward: (dys: readonly Tensor[]) => readonly (Tensor | null)[],
): void {
  if (state.tapes.length === 0) return;
  const spec: OpSpec<null> = {
    name,
    infer: () => outputs.map((o) => ({ shape: o.shape, dtype: o.dtype })),
    vjp: (dys) => backward(dys),
  };
  record(spec, inputs, outputs, null);
}

// ---------------------------------------------------------------------------------------------------------
// Tracing (jit)

/** Installs `hooks` for the duration of `fn` (jit's tracer); nested traces run inside the outer one. */
export function tracing<T>(hooks: TraceHooks, fn: () => T): T {
  const saved = state.trace;
  state.trace = hooks;
  try {
    return fn();
  } finally {
    state.trace = saved;
  }
}

/** Whether a jit trace is running (code with side effects jit cannot replay checks it). */
export function isTracing(): boolean {
  return state.trace !== undefined;
}

/** Throws a TraceError when called while a jit trace runs (random draws, reads). */
export function forbidInTrace(op: string, what: string): void {
  if (state.trace) state.trace.forbid(op, what);
}

/** Whether any active tape watches one of `tensors` (jit then runs eagerly, so gradients flow). */
export function watchedByTape(tensors: readonly Tensor[]): boolean {
  return state.tapes.some((tape) => tensors.some((t) => tape.tracked.has(t.id)));
}

/** A tensor over storage a kernel produced outside apply (jit's replay), registered in the current scope. */
export { makeTensor as adoptStorage };

/** A tensor core counts as live bytes but not as a user tensor, outside every scope (jit's constants). */
export function hiddenTensor(dataId: DataId, shape: readonly number[], dtype: DType, b: Backend): Tensor {
  return track(new Tensor(newTensorId(), shape, dtype, dataId, b), true);
}

/** Core's live bytes on `b` now. */
export function liveBytes(b: Backend): number {
  return liveOf(b).bytes;
}
