// WebGpuBackend: core's Backend over the GPU runtime. Data comes back to JS only in read(); there is no
// readSync (core turns dataSync() into an AsyncOnlyError naming `await data()`).

import {
  type Backend,
  type BackendCapabilities,
  BackendError,
  type BackendMemory,
  type DataArray,
  type DataId,
  type DType,
  type Kernel,
  type KernelTable,
  PRIMITIVES_VERSION,
} from '@libml/core';
import { type AdapterReport, acquireDevice, type WebGpuOptions } from './device.js';
import { Gpu, GpuData, type GpuStats } from './gpu.js';
import { webgpuKernels } from './kernels/index.js';
import type { GpuKernel, GpuKernelTable } from './kernels/types.js';

/**
 * The WebGPU backend: tensors in GPU storage buffers, kernels in WGSL (a pipeline per program and
 * rank/dtype, shapes in uniforms), batched submits, asynchronous reads only (`await tensor.data()`).
 */
export class WebGpuBackend implements Backend {
  readonly name: string;
  readonly primitivesVersion = PRIMITIVES_VERSION;
  /**
   * float32 only, async reads only; a fused kernel binds at most the device's storage buffers per shader
   * stage (jit splits larger programs; the kernels throw a BackendError beyond it).
   */
  get capabilities(): BackendCapabilities {
    const fusedBindings = this.runtime?.limits.maxStorageBuffersPerShaderStage;
    return fusedBindings === undefined
      ? { float64: false, syncRead: false }
      : { float64: false, syncRead: false, fusedBindings };
  }
  readonly kernels: KernelTable;
  private readonly options: WebGpuOptions;
  private runtime: Gpu | null = null;
  private readonly live = new Set<GpuData>();
  private liveBytes = 0;

  constructor(options: WebGpuOptions = {}, name = 'webgpu', kernels: GpuKernelTable = webgpuKernels) {
    this.options = options;
    this.name = name;
    this.kernels = bindKernels(
      kernels,
      () => this.gpu('kernel'),
      (ids) => {
        for (const id of ids) this.track(id);
      },
    );
  }

  /**
   * Acquires the adapter and device (idempotent). After a device loss it acquires a new device: tensors
   * made on the lost one keep throwing a typed error on use, new ones live on the new device.
   */
  async ready(): Promise<void> {
    if (this.runtime && !this.runtime.lostError) return;
    this.runtime = null;
    const { device, adapter } = await acquireDevice(this.options);
    this.runtime = new Gpu(device, adapter, this.options);
  }

  /** The GPU runtime; throws before ready(). */
  gpu(op = 'webgpu'): Gpu {
    if (!this.runtime)
      throw new BackendError(op, 'the webgpu backend is not initialised: `await ready()` first');
    return this.runtime;
  }

  /** The adapter in use: feature level (core or compatibility), vendor, device, description. */
  get adapter(): AdapterReport {
    return this.gpu().adapter;
  }

  /** The device, for interop (e.g. reading limits). */
  get device(): GPUDevice {
    return this.gpu().device;
  }

  /** Counters: pipelines compiled and reused, dispatches, submits, pool hits, readbacks. */
  stats(): Readonly<GpuStats> & { readonly pipelineCache: number } {
    const g = this.gpu();
    return { ...g.stats, pipelineCache: g.pipelineCount };
  }

  write(values: DataArray, shape: readonly number[], dtype: DType): DataId {
    const gpu = this.gpu('write');
    let size = 1;
    for (const d of shape) size *= d;
    if (values.length !== size) {
      throw new BackendError('write', `got ${values.length} values for shape [${shape.join(', ')}]`);
    }
    let words: ArrayBufferView;
    if (dtype === 'float32') words = values instanceof Float32Array ? values : Float32Array.from(values);
    else if (dtype === 'int32') words = values instanceof Int32Array ? values : Int32Array.from(values);
    else if (dtype === 'bool') words = Uint32Array.from(values, (v) => (v !== 0 ? 1 : 0));
    else throw new BackendError('write', `dtype ${dtype} is not supported by the webgpu backend`);
    const data = gpu.upload('write', words, size, dtype);
    this.track(data);
    return data;
  }

  async read(dataId: DataId): Promise<DataArray> {
    const data = this.storage('read', dataId);
    const bytes = await data.owner.read('read', data);
    switch (data.dtype) {
      case 'float32':
        return new Float32Array(bytes);
      case 'int32':
        return new Int32Array(bytes);
      default:
        return Uint8Array.from(new Uint32Array(bytes));
    }
  }

  dispose(dataId: DataId): void {
    if (!(dataId instanceof GpuData) || !this.live.delete(dataId)) return;
    this.liveBytes -= dataId.bytes;
    dataId.owner.free(dataId);
  }

  memory(): BackendMemory {
    return { buffers: this.live.size, bytes: this.liveBytes };
  }

  /**
   * Runs `fn` (a jit step) with every kernel it dispatches in one command buffer and one submit, made when
   * `fn` returns or throws; returns its result, rethrows its error.
   */
  batch<T>(fn: () => T): T {
    return this.gpu('batch').batch(fn);
  }

  /** Submits pending work and waits for the queue (rejects with BackendError on device loss). */
  async sync(): Promise<void> {
    await this.gpu('sync').sync();
  }

  /** Frees idle pooled buffers. */
  trimPool(): void {
    this.runtime?.trimPool();
  }

  /** Destroys the device; the backend's tensors are unusable afterwards. */
  destroy(): void {
    this.runtime?.destroy();
  }

  private storage(op: string, dataId: DataId): GpuData {
    if (!(dataId instanceof GpuData) || !this.live.has(dataId)) {
      throw new BackendError(op, 'unknown or disposed webgpu storage');
    }
    dataId.owner.checkAlive(op);
    return dataId;
  }

  private track(id: DataId): void {
    if (!(id instanceof GpuData) || this.live.has(id)) return;
    this.live.add(id);
    this.liveBytes += id.bytes;
  }
}

/** core's KernelTable: each GPU kernel bound to the runtime, its outputs counted by the backend. */
function bindKernels(
  table: GpuKernelTable,
  gpu: () => Gpu,
  onOutputs: (ids: readonly DataId[]) => void,
): KernelTable {
  const bound: Record<string, Kernel<never>> = {};
  for (const [name, kernel] of Object.entries(table) as [string, GpuKernel<never> | undefined][]) {
    if (kernel === undefined) continue;
    bound[name] = (inputs, attrs, outputs) => {
      const ids = kernel(gpu(), inputs, attrs, outputs);
      onOutputs(ids);
      return ids;
    };
  }
  // Each wrapper forwards to the kernel of the same name, so the table keeps KernelTable's typing.
  return bound as unknown as KernelTable;
}
