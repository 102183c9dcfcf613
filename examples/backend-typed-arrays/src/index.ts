// @libml-examples/backend-typed-arrays: importing this module registers the backend with core under the
// name 'typed-arrays', at priority 0 (below cpu's 1), so it runs only when selected:
//   await setBackend('typed-arrays')

import { registerBackend } from '@libml/core';
import { TypedArrayBackend } from './backend.js';

export type { ArrayKernel, ArrayKernelTable, HostTensor } from './array-kernel.js';
export { TypedArrayBackend } from './backend.js';
export { typedArrayKernels } from './kernels/index.js';

registerBackend('typed-arrays', () => new TypedArrayBackend(), 0);
