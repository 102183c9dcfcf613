// jit's program representation and its tracer: running a function once, eagerly, while the engine reports
// every backend kernel call, constant and free. Values are storages (views share one); each use records the
// shape it was read with, so reshapes and other views cost nothing in the graph.

import { type Backend, type DataId, ELEMENTWISE_PRIMITIVES, type TensorSpec } from '../backend.js';
import type { DataArray, DType } from '../dtype.js';
import type { OpSpec, TraceHooks } from '../engine.js';
import { TraceError } from '../errors.js';
import type { Tensor } from '../tensor.js';

/** A value read at a shape: a kernel input or a graph output. */
export interface ValueUse {
  readonly value: number;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/** One backend kernel call. */
export interface GraphNode {
  readonly kernel: string;
  readonly attrs: unknown;
  readonly inputs: readonly ValueUse[];
  /** Output value ids; specs give their shapes and dtypes. */
  readonly outputs: readonly number[];
  readonly specs: readonly TensorSpec[];
}

/** Where a value comes from when the program starts. */
export type ValueSource =
  | { readonly kind: 'input'; readonly index: number }
  | { readonly kind: 'constant'; readonly values: DataArray; readonly uniform?: number }
  /**
   * Storage the compiled program holds: a tensor the function closed over (read at its trace-time value,
   * as in JAX) or a constant-folded result.
   */
  | { readonly kind: 'stored'; readonly tensor: Tensor }
  | { readonly kind: 'node' };

export interface Graph {
  readonly backend: Backend;
  readonly sources: ValueSource[];
  readonly specs: TensorSpec[];
  readonly nodes: GraphNode[];
  readonly outputs: ValueUse[];
  /** Core's peak live bytes on the backend while the function ran eagerly under the tracer. */
  eagerPeakBytes: number;
}

/** Elementwise kernels a fused program can express (the primitive set of ElementwiseInstruction). */
export const FUSIBLE_KERNELS: ReadonlySet<string> = new Set(ELEMENTWISE_PRIMITIVES);

function uniformValue(values: DataArray): number | undefined {
  if (values.length === 0) return undefined;
  const first = Number(values[0]);
  for (let i = 1; i < values.length; i++) if (!Object.is(Number(values[i]), first)) return undefined;
  return first;
}

/** Records one traced call into a Graph. */
export class Tracer implements TraceHooks {
  readonly graph: Graph;
  private readonly valueOf = new Map<DataId, number>();
  private readonly baseBytes: number;
  /** Captured tensors this tracer made views of (the caller owns them once tracing ends). */
  readonly captured: Tensor[] = [];

  constructor(
    backend: Backend,
    private readonly fuse: boolean,
    baseBytes: number,
    private readonly keepAlive: (t: Tensor) => Tensor,
  ) {
    this.graph = { backend, sources: [], specs: [], nodes: [], outputs: [], eagerPeakBytes: 0 };
    this.baseBytes = baseBytes;
  }

  private newValue(source: ValueSource, spec: TensorSpec): number {
    this.graph.sources.push(source);
    this.graph.specs.push(spec);
    return this.graph.sources.length - 1;
  }

  /** Registers an argument tensor; returns its value id (the same for arguments sharing storage). */
  input(t: Tensor, index: number): number {
    const known = this.valueOf.get(t.dataId);
    if (known !== undefined) return known;
    const v = this.newValue({ kind: 'input', index }, { shape: t.shape, dtype: t.dtype });
    this.valueOf.set(t.dataId, v);
    return v;
  }

  use(t: Tensor): ValueUse {
    let v = this.valueOf.get(t.dataId);
    if (v === undefined) {
      if (t.backendInstance !== this.graph.backend) {
        throw new TraceError(
          'jit',
          `the function used a tensor of backend '${t.backend}' inside a trace on '${this.graph.backend.name}'`,
        );
      }
      const kept = this.keepAlive(t);
      this.captured.push(kept);
      v = this.newValue({ kind: 'stored', tensor: kept }, { shape: t.shape, dtype: t.dtype });
      this.valueOf.set(t.dataId, v);
    }
    return { value: v, shape: t.shape, dtype: t.dtype };
  }

  kernel(
    name: string,
    inputs: readonly Tensor[],
    attrs: unknown,
    specs: readonly TensorSpec[],
    outputs: readonly Tensor[],
  ): void {
    const uses = inputs.map((t) => this.use(t));
    const outs = outputs.map((t, i) => {
      const v = this.newValue({ kind: 'node' }, specs[i]);
      this.valueOf.set(t.dataId, v);
      return v;
    });
    this.graph.nodes.push({ kernel: name, attrs, inputs: uses, outputs: outs, specs });
  }

  constant(values: DataArray, t: Tensor): void {
    const copy = values.slice() as DataArray;
    const v = this.newValue(
      { kind: 'constant', values: copy, uniform: uniformValue(copy) },
      { shape: t.shape, dtype: t.dtype },
    );
    this.valueOf.set(t.dataId, v);
  }

  freed(dataId: DataId): void {
    this.valueOf.delete(dataId);
  }

  preferDecomposition(spec: OpSpec<never>, b: Backend): boolean {
    // Decomposed elementwise ops become primitive chains that fuse into one kernel.
    return this.fuse && spec.elementwise === true && b === this.graph.backend;
  }

  bytes(b: Backend, live: number): void {
    if (b === this.graph.backend) {
      this.graph.eagerPeakBytes = Math.max(this.graph.eagerPeakBytes, live - this.baseBytes);
    }
  }

  forbid(op: string, what: string): never {
    throw new TraceError('jit', `${op} inside a traced function: a function under jit cannot ${what}`);
  }
}
