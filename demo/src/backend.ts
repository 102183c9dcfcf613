// Backend selection for the demo: cpu is imported explicitly, so the demo runs anywhere; wasm and webgpu
// are loaded on request (their packages register themselves on import).

import '@libml/backend-cpu';
import { setBackend } from '@libml/core';

const LOADERS: Record<string, () => Promise<unknown>> = {
  cpu: async () => undefined,
  wasm: () => import('@libml/backend-wasm'),
  webgpu: () => import('@libml/backend-webgpu'),
};

export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}

/** Makes `name` the current backend, or explains why it cannot be. */
export async function useBackend(name: string): Promise<void> {
  const load = LOADERS[name];
  if (!load) throw new BackendUnavailableError(`unknown backend '${name}'; choose cpu, wasm or webgpu`);
  await load();
  await setBackend(name);
}
