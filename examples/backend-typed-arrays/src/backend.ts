// TypedArrayBackend: the storage half of the contract, and the glue that lets the array kernels serve as
// libml kernels.
//
// Storage is one typed array per tensor (Float32Array, Float64Array, Int32Array, or Uint8Array for bool),
// boxed in a `Buffer` object: the box is the opaque `DataId` core holds on to. The backend keeps the set
// of live boxes so `memory()` can report them, which the conformance suite's leak check compares.

import {
  allocArray,
  type Backend,
  type BackendCapabilities,
  type BackendMemory,
  type DataArray,
  type DataId,
  type DType,
  type Kernel,
  type KernelTable,
  PRIMITIVES_VERSION,
  type TensorInfo,
} from '@libml/core';
import type { ArrayKernel, ArrayKernelTable, HostTensor } from './array-kernel.js';
import { sizeOfShape } from './indexing.js';
import { typedArrayKernels } from './kernels/index.js';

/** This backend's DataId: a box around the tensor's values. */
class Buffer {
  constructor(readonly values: DataArray) {}
}

export class TypedArrayBackend implements Backend {
  readonly name = 'typed-arrays';
  readonly primitivesVersion = PRIMITIVES_VERSION;
  /** Typed arrays hold float64 natively, and reading needs no waiting. */
  readonly capabilities: BackendCapabilities = { float64: true, syncRead: true };
  readonly kernels: KernelTable;
  private readonly live = new Set<Buffer>();
  private liveBytes = 0;

  constructor(kernels: ArrayKernelTable = typedArrayKernels) {
    this.kernels = this.adapt(kernels);
  }

  write(values: DataArray, shape: readonly number[], dtype: DType): DataId {
    if (values.length !== sizeOfShape(shape)) {
      throw new Error(`typed-arrays backend: ${values.length} values for shape [${shape.join(', ')}]`);
    }
    // The contract says write copies: the caller may reuse `values` afterwards.
    const copy = allocArray(dtype, values.length);
    copy.set(values);
    return this.store(copy);
  }

  read(dataId: DataId): Promise<DataArray> {
    return Promise.resolve(this.readSync(dataId));
  }

  /** A copy: the caller owns it and may mutate it without touching the tensor. */
  readSync(dataId: DataId): DataArray {
    return this.buffer(dataId).values.slice();
  }

  /** Core calls this once the last tensor using the storage is gone; a second call is a no-op. */
  dispose(dataId: DataId): void {
    if (dataId instanceof Buffer && this.live.delete(dataId)) this.liveBytes -= dataId.values.byteLength;
  }

  memory(): BackendMemory {
    return { buffers: this.live.size, bytes: this.liveBytes };
  }

  private store(values: DataArray): Buffer {
    const buffer = new Buffer(values);
    this.live.add(buffer);
    this.liveBytes += values.byteLength;
    return buffer;
  }

  private buffer(dataId: DataId): Buffer {
    if (!(dataId instanceof Buffer) || !this.live.has(dataId)) {
      throw new Error('typed-arrays backend: unknown or disposed storage');
    }
    return dataId;
  }

  /** Turns each array kernel into a libml kernel: unbox the inputs, run it, box and track the outputs. */
  private adapt(table: ArrayKernelTable): KernelTable {
    const kernels: Record<string, Kernel<never>> = {};
    for (const [name, kernel] of Object.entries(table) as [string, ArrayKernel<never>][]) {
      kernels[name] = (inputs: readonly TensorInfo[], attrs, outputs) => {
        const hostInputs: HostTensor[] = inputs.map((input) => ({
          values: this.buffer(input.dataId).values,
          shape: input.shape,
          dtype: input.dtype,
        }));
        return kernel(hostInputs, attrs, outputs).map((values) => this.store(values));
      };
    }
    // Same names and attributes as the typed ArrayKernelTable, so this is a KernelTable.
    return kernels as unknown as KernelTable;
  }
}
