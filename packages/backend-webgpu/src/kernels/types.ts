// The webgpu kernel signature: core's Kernel with the GPU runtime in front. The backend binds each one to
// its runtime to build core's KernelTable.

import type { DataId, FusedAttrs, OverrideAttrs, PrimitiveAttrs, TensorInfo, TensorSpec } from '@libml/core';
import type { Gpu } from '../gpu.js';

export type GpuKernel<A> = (
  gpu: Gpu,
  inputs: readonly TensorInfo[],
  attrs: A,
  outputs: readonly TensorSpec[],
) => DataId[];

export type GpuKernelTable = { readonly [K in keyof PrimitiveAttrs]: GpuKernel<PrimitiveAttrs[K]> } & {
  readonly [K in keyof OverrideAttrs]?: GpuKernel<OverrideAttrs[K]>;
} & {
  readonly [K in keyof FusedAttrs]?: GpuKernel<FusedAttrs[K]>;
};
