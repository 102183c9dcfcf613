// Every implementation the runner knows: libml's backends (one entry each) and the peers. The runner
// spawns one process per entry; `lib` selects the module in src/libs/, `backend` is passed to its load().

import type { BackendClass } from './types.js';

export interface Implementation {
  /** Column id, e.g. `libml-cpu`, `tfjs-wasm`, `jax-wasm-jit`. */
  id: string;
  lib: 'libml' | 'tfjs' | 'ort' | 'jax';
  backend: string;
  class: BackendClass;
  label: string;
  /** Not runnable yet (a later issue): shown in the report, never spawned. */
  planned?: string;
}

/**
 * libml backends: a new backend is one entry here (name, package to import, how to await readiness).
 * `src/libs/libml.ts` imports `pkg` for its side effect (it registers the backend), then awaits `ready`.
 */
export interface LibmlBackend {
  backend: string;
  class: BackendClass;
  pkg: string;
  /** Extra readiness step after `setBackend(backend)` and `ready()` (e.g. a GPU device request). */
  ready?: () => Promise<void>;
  /** Registers `backend` from the imported package when the package's own registration is not it. */
  register?: (
    pkg: Record<string, unknown>,
    registerBackend: (name: string, factory: () => unknown) => void,
  ) => void;
  planned?: string;
}

export const LIBML_BACKENDS: LibmlBackend[] = [
  { backend: 'cpu', class: 'cpu', pkg: '@libml/backend-cpu' },
  { backend: 'wasm', class: 'wasm', pkg: '@libml/backend-wasm' },
  // One thread, as tfjs-wasm and jax-js run here: the single-threaded targets compare against this.
  {
    backend: 'wasm-1t',
    class: 'wasm',
    pkg: '@libml/backend-wasm',
    register: (pkg, registerBackend) => {
      const create = pkg.createWasmBackend as (o: { threads: number }) => unknown;
      registerBackend('wasm-1t', () => create({ threads: 1 }));
    },
  },
  { backend: 'webgpu', class: 'webgpu', pkg: '@libml/backend-webgpu' },
];

export const IMPLEMENTATIONS: Implementation[] = [
  ...LIBML_BACKENDS.map(
    (b): Implementation => ({
      id: `libml-${b.backend}`,
      lib: 'libml',
      backend: b.backend,
      class: b.class,
      label: `libml ${b.backend}`,
      ...(b.planned ? { planned: b.planned } : {}),
    }),
  ),
  // The same backends with every workload wrapped in libml's jit (traced once, replayed).
  ...LIBML_BACKENDS.map(
    (b): Implementation => ({
      id: `libml-${b.backend}-jit`,
      lib: 'libml',
      backend: `${b.backend}-jit`,
      class: b.class,
      label: `libml ${b.backend} (jit)`,
    }),
  ),
  { id: 'tfjs-cpu', lib: 'tfjs', backend: 'cpu', class: 'cpu', label: 'tfjs-backend-cpu' },
  { id: 'ort-cpu', lib: 'ort', backend: 'cpu', class: 'cpu', label: 'onnxruntime-node (native)' },
  { id: 'tfjs-wasm', lib: 'tfjs', backend: 'wasm', class: 'wasm', label: 'tfjs-backend-wasm' },
  { id: 'jax-wasm', lib: 'jax', backend: 'wasm', class: 'wasm', label: 'jax-js wasm (eager)' },
  { id: 'jax-wasm-jit', lib: 'jax', backend: 'wasm-jit', class: 'wasm', label: 'jax-js wasm (jit)' },
  { id: 'tfjs-webgpu', lib: 'tfjs', backend: 'webgpu', class: 'webgpu', label: 'tfjs-backend-webgpu' },
  { id: 'jax-webgpu', lib: 'jax', backend: 'webgpu', class: 'webgpu', label: 'jax-js webgpu (jit)' },
];

/** The implementation whose results the others are checked against. */
export const REFERENCE_ID = 'libml-cpu';
