// The wasm kernel signature: a core Kernel that also receives the backend's runtime.

import type { DataId, TensorInfo, TensorSpec } from '@libml/core';
import type { Runtime } from '../../runtime.js';

export type WasmKernel<A> = (
  rt: Runtime,
  inputs: readonly TensorInfo[],
  attrs: A,
  outputs: readonly TensorSpec[],
) => DataId[];
