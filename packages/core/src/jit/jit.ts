// jit(fn): trace `fn` once per input signature (tensor shapes, dtypes, backend, aliasing, and the values of
// non-tensor arguments), optimise the traced graph and replay it on later calls: one kernel call per step,
// no shape rules, scopes or tapes, storages freed right after their last use, and, on backends with fused
// kernels, elementwise chains and matmul epilogues run as single kernels.

import type { Backend, DataId, Kernel, TensorSpec } from '../backend.js';
import {
  adoptStorage,
  currentBackend,
  disposeTensor,
  hiddenTensor,
  isTracing,
  liveBytes,
  tidy,
  tracing,
  viewOf,
  watchedByTape,
} from '../engine.js';
import { AttributeError, BackendMismatchError, DisposedTensorError, TraceError } from '../errors.js';
import { sizeOf } from '../shape.js';
import { Tensor } from '../tensor.js';
import { type Graph, Tracer, type ValueUse } from './graph.js';
import {
  eliminateCommonSubexpressions,
  eliminateDeadCode,
  fuse,
  type PassStats,
  planMemory,
  type Step,
} from './passes.js';

export type { PassStats as JitStats } from './passes.js';

/** Options of jit(): which optimisations to apply (both default to on). */
export interface JitOptions {
  /** Fuse elementwise chains and matmul epilogues where the backend has fused kernels (default true). */
  readonly fuse?: boolean;
  /** Fold kernels whose inputs are all constants at compile time (default true). */
  readonly foldConstants?: boolean;
  /**
   * Compiled signatures kept (default 64); the least recently used is freed past it. Static arguments that
   * change on every call (a step counter passed as a number, say) would otherwise compile without bound.
   */
  readonly maxCacheSize?: number;
}

/** A jit-compiled function: call it like `fn`. */
export interface JitFunction<A extends unknown[], R> {
  (...args: A): R;
  /** Compiled signatures held. */
  readonly cacheSize: number;
  /** Pass statistics of the most recently compiled signature (undefined before the first call). */
  stats(): PassStats | undefined;
  /** Frees every compiled program's constants and forgets the compiled signatures. */
  dispose(): void;
}

interface CompiledProgram {
  readonly backend: Backend;
  readonly steps: readonly Step[];
  readonly numValues: number;
  /** [value, argument tensor index] */
  readonly inputs: readonly (readonly [number, number])[];
  /** Storage the program holds: constants, captured tensors, folded results. */
  readonly stored: readonly (readonly [number, Tensor])[];
  readonly outputs: readonly ValueUse[];
  readonly rebuild: (outputs: readonly Tensor[]) => unknown;
  readonly stats: PassStats;
}

// ---------------------------------------------------------------------------------------------------------
// Signatures

const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype;
}

/** The signature text of `args` and their tensor leaves, in order. */
function signatureOf(args: readonly unknown[]): { key: string; tensors: Tensor[] } {
  const tensors: Tensor[] = [];
  const storage = new Map<DataId, number>();
  const walk = (x: unknown): string => {
    if (x instanceof Tensor) {
      if (x.isDisposed) throw new DisposedTensorError('jit', `argument tensor ${tensors.length}`, x.shape);
      let alias = storage.get(x.dataId);
      if (alias === undefined) {
        alias = tensors.length;
        storage.set(x.dataId, alias);
      }
      tensors.push(x);
      return `T(${x.dtype}[${x.shape.join(',')}]@${x.backend}~${alias})`;
    }
    if (Array.isArray(x)) return `[${x.map(walk).join(',')}]`;
    if (isPlainObject(x)) {
      return `{${Object.keys(x)
        .map((k) => `${JSON.stringify(k)}:${walk(x[k])}`)
        .join(',')}}`;
    }
    if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
    if (x === undefined) return 'undefined';
    if (typeof x === 'string' || typeof x === 'boolean' || x === null) return JSON.stringify(x);
    if (typeof x === 'bigint') return `${x}n`;
    // Functions, class instances, symbols: static arguments compared by identity.
    if ((typeof x === 'object' && x !== null) || typeof x === 'function') {
      let id = objectIds.get(x);
      if (id === undefined) {
        id = nextObjectId++;
        objectIds.set(x, id);
      }
      return `#${id}`;
    }
    return String(x);
  };
  const key = args.map(walk).join(';');
  return { key, tensors };
}

/** Replaces the tensors of a result with slots; returns a function that rebuilds it from new tensors. */
function outputTemplate(result: unknown, leaves: Tensor[]): (outputs: readonly Tensor[]) => unknown {
  const shape = (x: unknown): ((o: readonly Tensor[]) => unknown) => {
    if (x instanceof Tensor) {
      const slot = leaves.length;
      leaves.push(x);
      return (o) => o[slot];
    }
    if (Array.isArray(x)) {
      const parts = x.map(shape);
      return (o) => parts.map((p) => p(o));
    }
    if (isPlainObject(x)) {
      const parts = Object.entries(x).map(([k, v]) => [k, shape(v)] as const);
      return (o) => Object.fromEntries(parts.map(([k, p]) => [k, p(o)]));
    }
    return () => x;
  };
  return shape(result);
}

// ---------------------------------------------------------------------------------------------------------
// Compilation

function kernelOf(b: Backend, name: string): Kernel<unknown> | undefined {
  return (b.kernels as unknown as Record<string, Kernel<unknown> | undefined>)[name];
}

const FOLD_LIMIT_BYTES = 64 * 1024 * 1024;

function compile(graph: Graph, options: JitOptions, rebuild: CompiledProgram['rebuild']): CompiledProgram {
  const b = graph.backend;
  const traced = graph.nodes.length;
  let nodes = eliminateDeadCode(graph.nodes, graph.outputs);
  const deadRemoved = traced - nodes.length;
  const cse = eliminateCommonSubexpressions(graph, nodes);
  nodes = cse.nodes;
  const outputs = cse.outputs;
  const stored = new Map<number, Tensor>();
  const materialise = (v: number): Tensor | undefined => {
    const have = stored.get(v);
    if (have) return have;
    const source = graph.sources[v];
    if (source.kind === 'stored') {
      stored.set(v, source.tensor);
      return source.tensor;
    }
    if (source.kind !== 'constant') return undefined;
    const spec = graph.specs[v];
    const t = hiddenTensor(b.write(source.values, spec.shape, spec.dtype), spec.shape, spec.dtype, b);
    stored.set(v, t);
    return t;
  };
  try {
    // Constant folding: kernels whose inputs are all known at compile time run once, now.
    let folded = 0;
    if (options.foldConstants !== false) {
      const kept = [];
      for (const node of nodes) {
        const known = node.inputs.every((u) => {
          const k = graph.sources[u.value].kind;
          return k === 'constant' || k === 'stored';
        });
        const bytes = node.specs.reduce((s, sp) => s + sizeOf(sp.shape) * 4, 0);
        const kernel = kernelOf(b, node.kernel);
        if (!known || !kernel || bytes > FOLD_LIMIT_BYTES || node.inputs.length === 0) {
          kept.push(node);
          continue;
        }
        const infos = node.inputs.map((u) => ({
          dataId: (materialise(u.value) as Tensor).dataId,
          shape: u.shape,
          dtype: u.dtype,
        }));
        const ids = kernel(infos, node.attrs, node.specs);
        node.outputs.forEach((v, i) => {
          const spec = node.specs[i];
          const t = hiddenTensor(ids[i], spec.shape, spec.dtype, b);
          graph.sources[v] = { kind: 'stored', tensor: t };
          stored.set(v, t);
        });
        folded++;
      }
      nodes = eliminateDeadCode(kept, outputs);
    }
    const fusing = options.fuse !== false;
    const epilogue = new Map<string, string>();
    if (fusing && kernelOf(b, 'fusedMatmul')) epilogue.set('matmul', 'fusedMatmul');
    if (fusing && kernelOf(b, 'fusedConv2d')) epilogue.set('conv2d', 'fusedConv2d');
    const fusion = fuse(graph, nodes, outputs, {
      elementwise: fusing && kernelOf(b, 'fusedElementwise') !== undefined,
      epilogue,
      bindings: b.capabilities.fusedBindings,
    });
    const plan = planMemory(graph, fusion.steps, outputs);
    // Everything the steps and outputs read that is not computed must be held by the program.
    const inputs: [number, number][] = [];
    const seenInputs = new Set<number>();
    const need = (v: number) => {
      const source = graph.sources[v];
      if (source.kind === 'input') {
        if (!seenInputs.has(v)) {
          seenInputs.add(v);
          inputs.push([v, source.index]);
        }
      } else materialise(v);
    };
    for (const step of plan.steps) for (const u of step.inputs) need(u.value);
    for (const u of outputs) need(u.value);
    // Release held storage nothing reads any more (inputs of folded kernels).
    const read = new Set<number>([
      ...plan.steps.flatMap((s) => s.inputs.map((u) => u.value)),
      ...outputs.map((u) => u.value),
    ]);
    for (const [v, t] of stored) {
      if (!read.has(v)) {
        disposeTensor(t);
        stored.delete(v);
      }
    }
    const stats: PassStats = {
      tracedKernels: traced,
      deadRemoved,
      commonRemoved: cse.removed,
      folded,
      fusedPrograms: fusion.programs,
      fusedKernels: fusion.fusedKernels,
      matmulEpilogues: fusion.epilogues.matmul ?? 0,
      convEpilogues: fusion.epilogues.conv2d ?? 0,
      steps: plan.steps.length,
      plannedPeakBytes: plan.peakBytes,
      eagerPeakBytes: graph.eagerPeakBytes,
    };
    return {
      backend: b,
      steps: plan.steps,
      numValues: graph.sources.length,
      inputs,
      stored: [...stored],
      outputs,
      rebuild,
      stats,
    };
  } catch (e) {
    for (const t of stored.values()) disposeTensor(t);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Replay

function execute(program: CompiledProgram, tensors: readonly Tensor[]): unknown {
  const b = program.backend;
  const ids: (DataId | undefined)[] = new Array(program.numValues);
  for (const [v, index] of program.inputs) {
    const t = tensors[index];
    if (t.backendInstance !== b)
      throw new BackendMismatchError('jit', `argument tensor ${index}`, b.name, t.backend);
    ids[v] = t.dataId;
  }
  for (const [v, t] of program.stored) ids[v] = t.dataId;
  const alive = new Set<number>();
  const run = () => {
    for (const step of program.steps) {
      const kernel = kernelOf(b, step.kernel) as Kernel<unknown>;
      const infos = step.inputs.map((u) => ({
        dataId: ids[u.value] as DataId,
        shape: u.shape,
        dtype: u.dtype,
      }));
      const out = kernel(infos, step.attrs, step.specs as TensorSpec[]);
      step.outputs.forEach((v, i) => {
        ids[v] = out[i];
        alive.add(v);
      });
      for (const v of step.frees) {
        b.dispose(ids[v] as DataId);
        alive.delete(v);
      }
    }
  };
  try {
    if (b.batch) b.batch(run);
    else run();
  } catch (e) {
    for (const v of alive) b.dispose(ids[v] as DataId);
    throw e;
  }
  const results = program.outputs.map((u) => adoptStorage(ids[u.value] as DataId, u.shape, u.dtype, b));
  return program.rebuild(results);
}

// ---------------------------------------------------------------------------------------------------------
// jit

/**
 * Compiles `fn` (tensors in, a tensor or arrays/plain objects of tensors out; grad, vjp and other jit
 * functions allowed inside). The first call per signature runs `fn` eagerly under a tracer and returns its
 * result; later calls replay the optimised program. Non-tensor arguments are static: each distinct value
 * compiles anew. Tensors `fn` closes over are read at their trace-time values (as in JAX): pass what
 * changes, such as parameters, as arguments. Reading values or drawing random numbers inside `fn` throws a
 * TraceError. Under an outer trace or a tape watching an argument, `fn` runs eagerly (so gradients flow).
 */
export function jit<A extends unknown[], R>(
  fn: (...args: A) => R,
  options: JitOptions = {},
): JitFunction<A, R> {
  if (typeof fn !== 'function') throw new AttributeError('jit', 'fn', `must be a function, got ${typeof fn}`);
  const cache = new Map<string, CompiledProgram>();
  const maxCacheSize = options.maxCacheSize ?? 64;
  if (!(Number.isInteger(maxCacheSize) && maxCacheSize >= 1)) {
    throw new AttributeError('jit', 'maxCacheSize', `must be a positive integer, got ${maxCacheSize}`);
  }
  let last: CompiledProgram | undefined;

  const traceAndCompile = (key: string, args: A, tensors: readonly Tensor[], b: Backend): R => {
    const kept: Tensor[] = [];
    const tracer = new Tracer(
      b,
      options.fuse !== false && kernelOf(b, 'fusedElementwise') !== undefined,
      liveBytes(b),
      (t) => {
        const v = viewOf(t, t.shape, true);
        kept.push(v);
        return v;
      },
    );
    tensors.forEach((t, i) => {
      tracer.input(t, i);
    });
    let result: R;
    try {
      result = tidy(() => tracing(tracer, () => fn(...args)));
      const leaves: Tensor[] = [];
      const rebuild = outputTemplate(result, leaves);
      for (const t of leaves) {
        if (t.backendInstance !== b) {
          throw new TraceError(
            'jit',
            `the function returned a tensor of backend '${t.backend}', not '${b.name}'`,
          );
        }
        tracer.graph.outputs.push(tracer.use(t));
      }
      const program = compile(tracer.graph, options, rebuild);
      // Captured tensors the program no longer reads are released.
      const held = new Set(program.stored.map(([, t]) => t));
      for (const t of kept) if (!held.has(t)) disposeTensor(t);
      cache.set(key, program);
      last = program;
      while (cache.size > maxCacheSize) {
        const [oldest, evicted] = cache.entries().next().value as [string, CompiledProgram];
        cache.delete(oldest);
        for (const [, t] of evicted.stored) disposeTensor(t);
      }
      return result;
    } catch (e) {
      for (const t of kept) disposeTensor(t);
      throw e;
    }
  };

  const jitted = (...args: A): R => {
    const { key, tensors } = signatureOf(args);
    // Inside another trace the outer one records our kernels; under a watching tape, run eagerly.
    if (isTracing() || watchedByTape(tensors)) return fn(...args);
    const b = tensors.length > 0 ? tensors[0].backendInstance : currentBackend('jit');
    tensors.forEach((t, i) => {
      if (t.backendInstance !== b)
        throw new BackendMismatchError('jit', `argument tensor ${i}`, b.name, t.backend);
    });
    const fullKey = `${b.name}|${key}`;
    const program = cache.get(fullKey);
    if (!program || program.backend !== b) return traceAndCompile(fullKey, args, tensors, b);
    // Most recently used last, for eviction.
    cache.delete(fullKey);
    cache.set(fullKey, program);
    return execute(program, tensors) as R;
  };

  const disposeAll = () => {
    for (const p of cache.values()) for (const [, t] of p.stored) disposeTensor(t);
    cache.clear();
    last = undefined;
  };
  Object.defineProperty(jitted, 'cacheSize', { get: () => cache.size });
  return Object.assign(jitted, {
    stats: () => last?.stats,
    dispose: disposeAll,
  }) as unknown as JitFunction<A, R>;
}
