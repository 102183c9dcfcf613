// The Tensor type: an immutable n-d array owned by one backend, read with data() and freed with dispose().

import type { Backend, DataId } from './backend.js';
import type { DataArray, DType } from './dtype.js';
import { sizeOf } from './shape.js';

/** Nested JS arrays as returned by Tensor.array(). */
export type NestedArray = number | boolean | NestedArray[];

/** Core's hooks into the engine; set once by engine.ts (keeps this file free of an import cycle). */
export interface TensorEngine {
  read(t: Tensor): Promise<DataArray>;
  readSync(t: Tensor): DataArray;
  dispose(t: Tensor): void;
}
let engine: TensorEngine | undefined;
export function bindTensorEngine(e: TensorEngine): void {
  engine = e;
}

let nextTensorId = 0;
export function newTensorId(): number {
  return nextTensorId++;
}

/**
 * An immutable n-d array of one dtype whose data lives on one backend. Create tensors with tensor(), zeros()
 * and the other creation functions or as op results; free them with dispose() or tidy().
 */
export class Tensor {
  /** Identity of the value: views made for the autodiff tape share it. */
  readonly id: number;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly size: number;
  /** @internal */
  readonly dataId: DataId;
  /** @internal */
  readonly backendInstance: Backend;
  /** @internal set by dispose() */
  isDisposedInternal = false;
  /** @internal set by keep(): tidy() leaves it alive. */
  kept = false;

  /** @internal use the creation functions (tensor, zeros, ...) instead. */
  constructor(id: number, shape: readonly number[], dtype: DType, dataId: DataId, backend: Backend) {
    this.id = id;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.size = sizeOf(shape);
    this.dataId = dataId;
    this.backendInstance = backend;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** Name of the backend that owns the data. */
  get backend(): string {
    return this.backendInstance.name;
  }

  get isDisposed(): boolean {
    return this.isDisposedInternal;
  }

  /** The values, row-major, as a fresh typed array (bool as 0/1 bytes). Works on every backend. */
  data(): Promise<DataArray> {
    return engine!.read(this);
  }

  /** The values synchronously; throws AsyncOnlyError on backends that read asynchronously. */
  dataSync(): DataArray {
    return engine!.readSync(this);
  }

  /** The values as nested JS arrays (booleans for bool tensors). */
  async array(): Promise<NestedArray> {
    return toNested(await this.data(), this.shape, this.dtype);
  }

  /**
   * The values as nested JS arrays (booleans for bool tensors), synchronously; throws AsyncOnlyError on
   * backends that read asynchronously.
   */
  arraySync(): NestedArray {
    return toNested(this.dataSync(), this.shape, this.dtype);
  }

  /** Frees the data (once no other view shares it). Safe to call twice. */
  dispose(): void {
    engine!.dispose(this);
  }

  /** A short description without the values, e.g. `Tensor(float32, [2, 3], cpu)`. */
  toString(): string {
    return `Tensor(${this.dtype}, [${this.shape.join(', ')}], ${this.backend})`;
  }
}

function toNested(values: DataArray, shape: readonly number[], dtype: DType): NestedArray {
  const conv = (v: number): number | boolean => (dtype === 'bool' ? v !== 0 : v);
  if (shape.length === 0) return conv(values[0]);
  const build = (dim: number, offset: number): NestedArray[] => {
    const n = shape[dim];
    const inner = sizeOf(shape.slice(dim + 1));
    const out: NestedArray[] = [];
    for (let i = 0; i < n; i++) {
      out.push(dim === shape.length - 1 ? conv(values[offset + i]) : build(dim + 1, offset + i * inner));
    }
    return out;
  };
  return build(0, 0);
}
