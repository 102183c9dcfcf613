// WasmBackend: tensors in wasm linear memory, AssemblyScript kernels (SIMD128), float32 with int32 and
// bool storage. The module is compiled and instantiated in ready(), which core awaits in setBackend.

import {
  type Backend,
  type BackendCapabilities,
  BackendError,
  type BackendMemory,
  type DataArray,
  type DataId,
  type DType,
  type KernelTable,
  PRIMITIVES_VERSION,
} from '@libml/core';
import { PAGE_BYTES } from './heap.js';
import { bindKernels } from './kernels/index.js';
import {
  compileAndInstantiate,
  createMemory,
  embeddedModule,
  instantiateKernels,
  type SimdLevel,
  type WasmSource,
} from './loader.js';
import { Runtime } from './runtime.js';
import {
  DEFAULT_MIN_PARALLEL_WORK,
  hardwareThreads,
  MAX_AUTO_THREADS,
  ThreadPool,
  threadsUnavailable,
} from './threads.js';

/** Default ceiling of the backend's linear memory: 2 GiB. */
export const DEFAULT_MAX_MEMORY_BYTES = 2 ** 31;
/** wasm32 cannot address more than 4 GiB. */
const WASM32_MAX_BYTES = 2 ** 32;

/** How the wasm backend loads its module (embedded, URL or bytes), its SIMD build, memory and threads. */
export interface WasmBackendOptions {
  /**
   * Ceiling of the linear memory holding every tensor and scratch buffer (default 2 GiB, at most 4 GiB).
   * An allocation past it, after freed blocks are coalesced, throws core's BackendError.
   */
  readonly maxMemoryBytes?: number;
  /** Initial linear memory (default 16 MiB); it grows on demand. */
  readonly initialMemoryBytes?: number;
  /** Fetch the kernel module from this URL instead of decoding the copy embedded in the bundle. */
  readonly wasmUrl?: string | { readonly href: string };
  /** Or instantiate these bytes (e.g. read from `@libml/backend-wasm/kernels.wasm`). */
  readonly wasmBinary?: Uint8Array | ArrayBuffer;
  /**
   * Which embedded build to use (default 'auto': relaxed SIMD where the engine supports it, else SIMD128).
   * 'baseline' gives bit-identical results on every machine.
   */
  readonly simd?: SimdLevel;
  /**
   * Threads for matmul and the convolutions (default 'auto': os.availableParallelism() in Node,
   * navigator.hardwareConcurrency in browsers, at most 8). More than 1 needs shared memory and a thread that
   * may block in Atomics.wait: Node, or a browser Worker of a cross-origin isolated page. Where either is
   * missing (a browser's main thread, a page without cross-origin isolation) the backend runs on one
   * thread; `backend.threads` says how many it uses. Not used with `wasmUrl` / `wasmBinary`.
   */
  readonly threads?: number | 'auto';
  /** Products (m·n·k multiply-adds) below this run on one thread (default 2^22). */
  readonly minParallelWork?: number;
  /**
   * Where the threads' worker script is (default: `dist/worker.js` next to this bundle, i.e.
   * `@libml/backend-wasm/worker.js`). A bundled app that moves the library's code copies that one
   * self-contained ES module with its assets and points here (a URL, resolved against the page; in Node a
   * file URL or a path, a relative one resolved against the working directory; name a copy outside a
   * `"type": "module"` package `.mjs` so Node loads it as a module).
   */
  readonly workerUrl?: string | { readonly href: string };
}

/**
 * The WebAssembly backend: tensors in one linear memory, kernels in AssemblyScript (SIMD128, relaxed SIMD
 * where the engine has it), large kernels split over worker threads sharing the memory.
 */
export class WasmBackend implements Backend {
  readonly name: string;
  readonly primitivesVersion = PRIMITIVES_VERSION;
  readonly capabilities: BackendCapabilities = { float64: false, syncRead: true };
  readonly kernels: KernelTable;
  private readonly options: WasmBackendOptions;
  private runtime: Runtime | undefined;
  private loading: Promise<void> | undefined;
  private loadedSimd: 'baseline' | 'relaxed' | 'external' | undefined;
  private threadNote: string | undefined;

  constructor(options: WasmBackendOptions = {}, name = 'wasm') {
    this.options = options;
    this.name = name;
    this.kernels = bindKernels(() => this.rt());
  }

  /** Compiles and instantiates the kernel module (once). */
  ready(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  /** The kernel build in use once ready: an embedded 'baseline' or 'relaxed' one, or 'external' bytes/URL. */
  get simd(): 'baseline' | 'relaxed' | 'external' | undefined {
    return this.loadedSimd;
  }

  /** Threads matmul and the convolutions use once ready (1: single-threaded). */
  get threads(): number {
    return this.runtime?.pool?.threads ?? 1;
  }

  /** Why the backend runs on one thread although more were asked for (undefined otherwise). */
  get threadsFallback(): string | undefined {
    return this.threadNote;
  }

  /** Stops the worker threads (matmul and the convolutions then run on the calling thread). */
  terminateThreads(): void {
    this.runtime?.pool?.terminate();
  }

  /** Whether ready() has completed. */
  get isReady(): boolean {
    return this.runtime !== undefined;
  }

  write(values: DataArray, shape: readonly number[], dtype: DType): DataId {
    let size = 1;
    for (const d of shape) size *= d;
    if (values.length !== size) {
      throw new Error(`wasm backend: write got ${values.length} values for shape [${shape.join(', ')}]`);
    }
    return this.rt().store(values, dtype);
  }

  read(dataId: DataId): Promise<DataArray> {
    return Promise.resolve(this.readSync(dataId));
  }

  /** A copy, so callers cannot mutate a tensor's storage. */
  readSync(dataId: DataId): DataArray {
    return this.rt().load(dataId);
  }

  dispose(dataId: DataId): void {
    this.runtime?.release(dataId);
  }

  memory(): BackendMemory {
    return this.runtime ? this.runtime.memory() : { buffers: 0, bytes: 0 };
  }

  /** The allocator's view: live and free blocks, the size of linear memory and its ceiling. */
  heapStats() {
    return this.rt().heap.stats();
  }

  /** The runtime (kernel module, heap); throws before ready(). */
  rt(): Runtime {
    if (!this.runtime) {
      throw new BackendError(
        this.name,
        'the wasm module is not instantiated yet: `await setBackend(...)` first',
      );
    }
    return this.runtime;
  }

  private async load(): Promise<void> {
    const maxBytes = Math.min(this.options.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES, WASM32_MAX_BYTES);
    const initialBytes = Math.min(this.options.initialMemoryBytes ?? 16 * 2 ** 20, maxBytes);
    const maxPages = Math.floor(maxBytes / PAGE_BYTES);
    const initialPages = Math.max(1, Math.ceil(initialBytes / PAGE_BYTES));
    if (!this.options.wasmBinary && !this.options.wasmUrl) {
      const threads = await this.wantedThreads();
      if (threads > 1) {
        try {
          await this.loadThreaded(threads, initialPages, maxPages);
          return;
        } catch (e) {
          this.threadNote = `threads failed to start: ${e instanceof Error ? e.message : String(e)}`;
        }
      }
    }
    const memory = createMemory(initialPages, maxPages);
    let source: WasmSource;
    if (this.options.wasmBinary) {
      source = { kind: 'bytes', bytes: this.options.wasmBinary };
      this.loadedSimd = 'external';
    } else if (this.options.wasmUrl) {
      source = { kind: 'url', url: this.options.wasmUrl };
      this.loadedSimd = 'external';
    } else {
      const embedded = embeddedModule(this.options.simd ?? 'auto');
      source = { kind: 'bytes', bytes: embedded.bytes };
      this.loadedSimd = embedded.simd;
    }
    const exports = await instantiateKernels(memory, source);
    this.runtime = new Runtime(exports, memory, maxPages * PAGE_BYTES);
  }

  private async wantedThreads(): Promise<number> {
    const asked = this.options.threads ?? 'auto';
    const wanted =
      asked === 'auto' ? Math.min(MAX_AUTO_THREADS, await hardwareThreads()) : Math.max(1, Math.floor(asked));
    if (wanted <= 1) return 1;
    const why = threadsUnavailable();
    if (why !== undefined) {
      this.threadNote = why;
      return 1;
    }
    return wanted;
  }

  /**
   * Shared memory (its maximum is fixed at creation: maxMemoryBytes), the threaded build, and a pool of
   * threads - 1 workers instantiating the same module over it.
   */
  private async loadThreaded(threads: number, initialPages: number, maxPages: number): Promise<void> {
    const memory = createMemory(initialPages, maxPages, true);
    const embedded = embeddedModule(this.options.simd ?? 'auto', true);
    const { module, exports } = await compileAndInstantiate(memory, embedded.bytes);
    const runtime = new Runtime(exports, memory, maxPages * PAGE_BYTES);
    runtime.pool = await ThreadPool.start(
      threads,
      module,
      memory,
      runtime.heap,
      exports.GEMM_WORKSPACE.value,
      this.options.minParallelWork ?? DEFAULT_MIN_PARALLEL_WORK,
      // Not part of the public options: the workers' poll in µs, a knob for measurements (threads.ts).
      (this.options as { workerSpin?: number }).workerSpin,
      this.options.workerUrl,
    );
    this.loadedSimd = embedded.simd;
    this.runtime = runtime;
  }
}
