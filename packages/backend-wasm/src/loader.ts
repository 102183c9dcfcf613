// Instantiates the kernel module: from the base64 copy embedded in this bundle (default: no fs, no fetch),
// from bytes the caller supplies, or from a URL (browsers that prefer to fetch and stream-compile it).
// Uses only the WebAssembly JS API, so the same path runs in Node and in browsers.

import {
  KERNELS_RELAXED_THREADS_WASM_BASE64,
  KERNELS_RELAXED_WASM_BASE64,
  KERNELS_THREADS_WASM_BASE64,
  KERNELS_WASM_BASE64,
} from '../build/kernels-wasm.js';
import { decodeBase64 } from './base64.js';
import type { WasmMemory } from './heap.js';

/**
 * The kernel module's exports (assembly/index.ts). Pointers and sizes are numbers; bools are 0/1.
 * @internal The module's ABI, for the backend's own kernels and workers; it changes with them.
 */
export interface KernelExports {
  heapBase(): number;
  readonly GEMM_WORKSPACE: { readonly value: number };
  readonly WINOGRAD_TILES: { readonly value: number };
  readonly WINOGRAD_TEMP: { readonly value: number };
  advance(meta: number): void;
  unaryF32(op: number, x: number, out: number, n: number, alpha: number): void;
  unaryF32Bits(op: number, x: number, out: number, n: number, alphaBits: number): void;
  unaryI32(op: number, x: number, out: number, n: number): void;
  binaryF32(op: number, out: number, a: number, b: number, meta: number): void;
  binaryI32(op: number, out: number, a: number, b: number, meta: number): void;
  binaryU8(op: number, out: number, a: number, b: number, meta: number): void;
  compare(op: number, kind: number, out: number, a: number, b: number, meta: number): void;
  where(wide: number, out: number, c: number, a: number, b: number, meta: number): void;
  cast(kind: number, x: number, out: number, n: number): void;
  copyStrided(shift: number, dst: number, src: number, meta: number): void;
  fill32(dst: number, bits: number, n: number): void;
  fill8(dst: number, value: number, n: number): void;
  normalizeIndices(idx: number, norm: number, count: number, size: number): number;
  gather(
    shift: number,
    x: number,
    idx: number,
    out: number,
    outer: number,
    axisSize: number,
    inner: number,
    count: number,
  ): void;
  scatterAddF32(
    dy: number,
    idx: number,
    out: number,
    outer: number,
    size: number,
    inner: number,
    count: number,
  ): void;
  reduceF32(
    op: number,
    x: number,
    out: number,
    outer: number,
    reduce: number,
    inner: number,
    scratch: number,
  ): void;
  reduceI32(op: number, x: number, out: number, outer: number, reduce: number, inner: number): void;
  argReduce(
    isMax: number,
    isInt: number,
    x: number,
    out: number,
    outer: number,
    reduce: number,
    inner: number,
  ): void;
  softmax(
    log: number,
    x: number,
    out: number,
    outer: number,
    reduce: number,
    inner: number,
    scratch: number,
  ): void;
  moments(
    x: number,
    mean: number,
    variance: number,
    outer: number,
    reduce: number,
    inner: number,
    scratch: number,
  ): void;
  gemm(
    m: number,
    n: number,
    k: number,
    a: number,
    ars: number,
    acs: number,
    b: number,
    brs: number,
    bcs: number,
    c: number,
    crs: number,
    ccs: number,
    accumulate: number,
    work: number,
  ): void;
  imageToColumns(geo: number, x: number, n: number, group: number, col: number, scatter: number): void;
  winogradFilter(f: number, cin: number, cout: number, u: number, temp: number): void;
  winogradConv(
    x: number,
    inH: number,
    inW: number,
    cin: number,
    y: number,
    outH: number,
    outW: number,
    cout: number,
    pads: number,
    u: number,
    th0: number,
    th1: number,
    scratch: number,
    work: number,
  ): void;
  convGemm(
    geo: number,
    x: number,
    n: number,
    group: number,
    p0: number,
    p1: number,
    cout: number,
    f: number,
    frs: number,
    fcs: number,
    y: number,
    yrs: number,
    ycs: number,
    work: number,
  ): void;
  fusedChunks(program: number, regs: number, chunkStart: number, chunkEnd: number): void;
  maxPool(geo: number, x: number, y: number): void;
  maxPoolGrad(geo: number, x: number, dy: number, dx: number): void;
  avgPool(geo: number, div: number, x: number, y: number, grad: number): void;
}

/**
 * Which build of the kernels: 'baseline' (SIMD128), 'relaxed' (SIMD128 + relaxed SIMD: fused multiply-add in
 * the gemm where the hardware has it; results may then differ in the last bits between machines), or
 * 'auto' (relaxed where the engine validates it, else baseline).
 */
export type SimdLevel = 'auto' | 'baseline' | 'relaxed';

/** Where the module's bytes come from. Default: the copies embedded in this package's JS. */
export type WasmSource =
  | { readonly kind: 'embedded'; readonly simd: SimdLevel }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array | ArrayBuffer }
  | { readonly kind: 'url'; readonly url: string | { readonly href: string } };

interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
interface WasmInstanceSource {
  readonly instance: WasmInstance;
}
/** A compiled WebAssembly.Module (opaque here; posted to workers as is). */
export type WasmModule = object;
interface WasmNamespace {
  validate(bytes: Uint8Array | ArrayBuffer): boolean;
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  instantiate(bytes: Uint8Array | ArrayBuffer, imports: object): Promise<WasmInstanceSource>;
  instantiate(module: WasmModule, imports: object): Promise<WasmInstance>;
  compile(bytes: Uint8Array | ArrayBuffer): Promise<WasmModule>;
  instantiateStreaming?(response: unknown, imports: object): Promise<WasmInstanceSource>;
}
interface FetchResponse {
  readonly ok: boolean;
  readonly status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}
interface Host {
  readonly WebAssembly?: WasmNamespace;
  readonly fetch?: (url: string) => Promise<FetchResponse>;
}

const host = globalThis as unknown as Host;

export function wasmApi(): WasmNamespace {
  if (!host.WebAssembly) throw new Error('backend-wasm: this JavaScript environment has no WebAssembly');
  return host.WebAssembly;
}

export function createMemory(initialPages: number, maximumPages: number, shared = false): WasmMemory {
  return new (wasmApi().Memory)({ initial: initialPages, maximum: maximumPages, shared });
}

/**
 * The embedded module for a SIMD level, and the level it is; `threads` picks the build that imports a
 * shared memory.
 */
export function embeddedModule(
  simd: SimdLevel,
  threads = false,
): { bytes: Uint8Array; simd: 'baseline' | 'relaxed' } {
  if (simd !== 'baseline') {
    const relaxed = decodeBase64(threads ? KERNELS_RELAXED_THREADS_WASM_BASE64 : KERNELS_RELAXED_WASM_BASE64);
    if (simd === 'relaxed' || wasmApi().validate(relaxed)) return { bytes: relaxed, simd: 'relaxed' };
  }
  return {
    bytes: decodeBase64(threads ? KERNELS_THREADS_WASM_BASE64 : KERNELS_WASM_BASE64),
    simd: 'baseline',
  };
}

/** The imports of the kernel module: the memory, and abort. */
export function kernelImports(memory: WasmMemory): object {
  return {
    env: {
      memory,
      abort: () => {
        throw new Error('backend-wasm: kernel aborted');
      },
    },
  };
}

/** Compiles bytes once (the threaded backend posts the module to its workers) and instantiates it. */
export async function compileAndInstantiate(
  memory: WasmMemory,
  bytes: Uint8Array,
): Promise<{ module: WasmModule; exports: KernelExports }> {
  const api = wasmApi();
  const module = await api.compile(bytes);
  const instance = await api.instantiate(module, kernelImports(memory));
  return { module, exports: instance.exports as unknown as KernelExports };
}

export async function instantiateKernels(memory: WasmMemory, source: WasmSource): Promise<KernelExports> {
  const api = wasmApi();
  const imports = kernelImports(memory);
  let result: WasmInstanceSource;
  if (source.kind === 'url') {
    if (!host.fetch) throw new Error('backend-wasm: loading from a URL needs fetch()');
    const url = typeof source.url === 'string' ? source.url : source.url.href;
    if (api.instantiateStreaming) {
      try {
        result = await api.instantiateStreaming(host.fetch(url), imports);
        return result.instance.exports as unknown as KernelExports;
      } catch {
        // Servers that send the wrong MIME type break streaming compilation: fall back to bytes.
      }
    }
    const response = await host.fetch(url);
    if (!response.ok) throw new Error(`backend-wasm: fetching ${url} gave HTTP ${response.status}`);
    result = await api.instantiate(await response.arrayBuffer(), imports);
  } else {
    const bytes = source.kind === 'bytes' ? source.bytes : embeddedModule(source.simd).bytes;
    result = await api.instantiate(bytes, imports);
  }
  return result.instance.exports as unknown as KernelExports;
}
