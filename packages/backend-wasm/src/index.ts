// @libml/backend-wasm: the WebAssembly backend. Importing this module registers it with core under the
// name 'wasm' at priority 0.5, below cpu, so importing both keeps cpu the default: select it with
// `await setBackend('wasm')`. The kernel module is embedded; configureWasmBackend() changes how the
// registered backend loads it (e.g. from a URL) or its memory ceiling, before it is first selected.

import { registerBackend } from '@libml/core';
import { WasmBackend, type WasmBackendOptions } from './backend.js';

export { DEFAULT_MAX_MEMORY_BYTES, WasmBackend, type WasmBackendOptions } from './backend.js';
export { WasmData } from './data.js';
export { type HeapStats, sizeClass, WasmHeap, type WasmMemory } from './heap.js';
export { bindKernels, type WasmKernelTable, wasmKernels } from './kernels/index.js';
export type { KernelExports, SimdLevel, WasmSource } from './loader.js';
export { Runtime } from './runtime.js';

let defaults: WasmBackendOptions = {};

/** Options for the backend registered as 'wasm' (applies when it is first initialised). */
export function configureWasmBackend(options: WasmBackendOptions): void {
  defaults = { ...defaults, ...options };
}

/** A new wasm backend (default: the options given to configureWasmBackend); await its `ready()`. */
export function createWasmBackend(options: WasmBackendOptions = defaults): WasmBackend {
  return new WasmBackend(options);
}

registerBackend('wasm', () => createWasmBackend(), 0.5);
