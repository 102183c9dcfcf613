// @libml/backend-cpu: the CPU backend. Importing this module registers it with core under the name 'cpu'.

import { registerBackend } from '@libml/core';
import { CpuBackend } from './backend.js';

export { CpuBackend } from './backend.js';
export { CpuData } from './data.js';
export { cpuKernels } from './kernels/index.js';

/**
 * A new CpuBackend with the default kernels: the factory this module registers as 'cpu' (priority 1) on
 * import.
 */
export function createCpuBackend(): CpuBackend {
  return new CpuBackend();
}

registerBackend('cpu', createCpuBackend, 1);
