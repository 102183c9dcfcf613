// @libml/backend-webgpu: the WebGPU backend. Importing this module registers it with core under the name
// 'webgpu' (priority 2, above cpu): `await ready()` (or `await setBackend('webgpu')`) before the first op.
// Browsers use navigator.gpu; Node loads the Dawn-based `webgpu` package on demand.

import { registerBackend } from '@libml/core';
import { WebGpuBackend } from './backend.js';
import type { WebGpuOptions } from './device.js';

export { WebGpuBackend } from './backend.js';
export type { AdapterReport, FeatureLevel, WebGpuOptions } from './device.js';
export type { GpuStats } from './gpu.js';

/** A new, uninitialised WebGPU backend (await its `ready()`, or register it and `setBackend`). */
export function createWebGpuBackend(options: WebGpuOptions = {}): WebGpuBackend {
  return new WebGpuBackend(options);
}

/**
 * Registers another webgpu backend under `name` with its own options (e.g. a compatibility-mode adapter
 * next to the default one).
 */
export function registerWebGpuBackend(name: string, options: WebGpuOptions = {}, priority = 0): void {
  registerBackend(name, () => new WebGpuBackend(options, name), priority);
}

registerBackend('webgpu', () => createWebGpuBackend(), 2);
