// CpuBackend: storage in typed arrays and the CPU kernel table, with per-instance memory accounting.

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
  sizeOf,
} from '@libml/core';
import { CpuData } from './data.js';
import { cpuKernels } from './kernels/index.js';

/**
 * The CPU backend: storage in typed arrays, every primitive, override and fused kernel in plain TypeScript,
 * float64 and synchronous reads. Importing @libml/backend-cpu registers one as 'cpu'; `new
 * CpuBackend(kernels)` runs another kernel table (default cpuKernels) on the same storage, with per-instance
 * memory accounting.
 */
export class CpuBackend implements Backend {
  readonly name = 'cpu';
  readonly primitivesVersion = PRIMITIVES_VERSION;
  readonly capabilities: BackendCapabilities = { float64: true, syncRead: true };
  readonly kernels: KernelTable;
  /** Live storage of this backend; a Set makes a second dispose of the same handle a no-op. */
  private readonly live = new Set<CpuData>();
  private liveBytes = 0;

  constructor(kernels: KernelTable = cpuKernels) {
    this.kernels = trackOutputs(kernels, (ids) => {
      for (const id of ids) this.track(id);
    });
  }

  write(values: DataArray, shape: readonly number[], dtype: DType): DataId {
    const size = sizeOf(shape);
    if (values.length !== size) {
      throw new Error(`cpu backend: write got ${values.length} values for shape [${shape.join(', ')}]`);
    }
    const copy = allocArray(dtype, size);
    copy.set(values);
    const data = new CpuData(copy);
    this.track(data);
    return data;
  }

  /** Resolves to a copy of the values (the same as readSync, in a promise). */
  read(dataId: DataId): Promise<DataArray> {
    return Promise.resolve(this.readSync(dataId));
  }

  /** A copy, so callers cannot mutate a tensor's storage. */
  readSync(dataId: DataId): DataArray {
    return this.storage(dataId).values.slice();
  }

  /** Frees the storage; a handle already freed, or one of another backend, is ignored. */
  dispose(dataId: DataId): void {
    if (!(dataId instanceof CpuData) || !this.live.delete(dataId)) return;
    this.liveBytes -= dataId.values.byteLength;
  }

  /** This instance's live storage: how many typed arrays and their bytes. */
  memory(): BackendMemory {
    return { buffers: this.live.size, bytes: this.liveBytes };
  }

  private storage(dataId: DataId): CpuData {
    if (!(dataId instanceof CpuData) || !this.live.has(dataId)) {
      throw new Error('cpu backend: unknown or disposed storage');
    }
    return dataId;
  }

  private track(id: DataId): void {
    if (!(id instanceof CpuData) || this.live.has(id)) return;
    this.live.add(id);
    this.liveBytes += id.values.byteLength;
  }
}

/** The same kernels, each reporting the storage it returns so the backend can account for it. */
function trackOutputs(table: KernelTable, onOutputs: (ids: readonly DataId[]) => void): KernelTable {
  const tracked: Record<string, Kernel<never>> = {};
  for (const [name, kernel] of Object.entries(table) as [string, Kernel<never> | undefined][]) {
    if (kernel === undefined) continue;
    tracked[name] = (inputs, attrs, outputs) => {
      const ids = kernel(inputs, attrs, outputs);
      onOutputs(ids);
      return ids;
    };
  }
  // Each wrapper forwards to the kernel of the same name, so the table keeps KernelTable's typing.
  return tracked as unknown as KernelTable;
}
