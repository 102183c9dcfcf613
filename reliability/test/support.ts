// Shared by the reliability tests: the backends under test and small helpers.

import { CpuBackend, cpuKernels } from '@libml/backend-cpu';
import '@libml/backend-wasm';
import '@libml/backend-webgpu';
import {
  type Backend,
  type KernelTable,
  memory,
  PRIMITIVES,
  registerBackend,
  registeredBackends,
  setBackend,
  type Tensor,
} from '@libml/core';

/** The backends every table and fuzz property runs on. */
export const BACKENDS = ['cpu', 'wasm', 'webgpu'] as const;
export type BackendName = (typeof BACKENDS)[number] | 'primitives-only';

/** cpu's storage with only the primitive kernels: core decomposes every other op (as in conformance/). */
function primitivesOnlyBackend(): Backend {
  const kernels = Object.fromEntries(
    PRIMITIVES.map((name) => [name, cpuKernels[name]]),
  ) as unknown as KernelTable;
  const storage = new CpuBackend(kernels);
  return {
    name: 'primitives-only',
    primitivesVersion: storage.primitivesVersion,
    capabilities: storage.capabilities,
    kernels: storage.kernels,
    write: (values, shape, dtype) => storage.write(values, shape, dtype),
    read: (id) => storage.read(id),
    readSync: (id) => storage.readSync(id),
    dispose: (id) => storage.dispose(id),
    memory: () => storage.memory(),
  };
}

if (!registeredBackends().includes('primitives-only')) {
  registerBackend('primitives-only', primitivesOnlyBackend, -1);
}

export async function use(name: BackendName): Promise<void> {
  await setBackend(name);
}

/** Live tensors and bytes (core's count and the backend's own), per backend, as one comparable value. */
export function snapshot(): string {
  const m = memory();
  const per = Object.entries(m.backends)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, b]) => `${name}:${b.tensors}t/${b.bytes}B/${b.buffers}buf/${b.backendBytes}bb`);
  return `${m.numTensors}t ${m.numBytes}B | ${per.join(' ')}`;
}

/** A tensor's values as plain numbers (async read: works on webgpu). */
export async function values(t: Tensor): Promise<number[]> {
  return Array.from(await t.data(), Number);
}

/** Deterministic small values for a shape (never 0, no ties in a row of up to 64). */
export function ramp(n: number, offset = 0): number[] {
  return Array.from({ length: n }, (_, i) => ((((i + offset) * 37) % 64) - 31.5) / 16);
}
