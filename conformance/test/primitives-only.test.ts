// A backend made of the primitive kernels alone, registered through core's public exports: core must
// build every op from them by decomposition. This is what proves the contract.

import { CpuBackend, cpuKernels } from '@libml/backend-cpu';
import { type Backend, type KernelTable, PRIMITIVES, registerBackend } from '@libml/core';
import { runConformance } from '../src/index.js';
import { writeReport } from './write-report.js';

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

registerBackend('primitives-only', primitivesOnlyBackend, 0);

runConformance({ backend: 'primitives-only', writeReport });
