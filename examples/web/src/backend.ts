// Picks the best backend this browser has: webgpu when an adapter exists, else wasm, else cpu. Each
// package registers its backend on import; setBackend() initialises it and throws when it cannot run.

import '@libml/backend-cpu';
import { WasmBackend } from '@libml/backend-wasm';
import { WebGpuBackend } from '@libml/backend-webgpu';
import { findBackend, setBackend } from '@libml/core';

export const PREFERENCE = ['webgpu', 'wasm', 'cpu'] as const;
export type BackendName = (typeof PREFERENCE)[number];

export interface Picked {
  readonly name: BackendName;
  /** What it runs on, for people. */
  readonly detail: string;
  /** Why each better backend was passed over. */
  readonly skipped: { name: BackendName; reason: string }[];
}

function describe(name: BackendName): string {
  const b = findBackend(name);
  if (b instanceof WebGpuBackend) {
    const a = b.adapter;
    const what = [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' ');
    return `${what || 'unknown adapter'}, ${a.featureLevel}${a.software ? ', software' : ''}`;
  }
  if (b instanceof WasmBackend) {
    return `SIMD ${b.simd}, ${b.threads} thread${b.threads === 1 ? '' : 's'}`;
  }
  return 'JavaScript typed arrays';
}

export async function pickBackend(only?: BackendName): Promise<Picked> {
  const skipped: Picked['skipped'] = [];
  for (const name of only ? [only] : PREFERENCE) {
    if (name === 'webgpu' && !('gpu' in navigator)) {
      skipped.push({ name, reason: 'no navigator.gpu' });
      continue;
    }
    try {
      await setBackend(name);
      return { name, detail: describe(name), skipped };
    } catch (e) {
      skipped.push({ name, reason: (e as Error).message });
    }
  }
  throw new Error(`no backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}
