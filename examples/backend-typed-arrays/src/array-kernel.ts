// The shape every kernel of this backend has: plain typed arrays in, plain typed arrays out.
//
// libml's `Kernel` type works on storage handles (`DataId`). Here every handle is just a box around a
// typed array, so the kernels are written against the arrays themselves and `backend.ts` does the
// unboxing and boxing once for all of them. That keeps every kernel a pure function you can read (and
// unit-test) on its own.

import type {
  DataArray,
  DType,
  OverrideAttrs,
  OverrideName,
  PrimitiveAttrs,
  PrimitiveName,
  TensorSpec,
} from '@libml/core';

/** An input as a kernel sees it: its values (dense, row-major), shape and dtype. */
export interface HostTensor {
  readonly values: DataArray;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/**
 * A kernel on typed arrays. `outputs` holds the shape and dtype of each result, already computed and
 * checked by core; the kernel returns one freshly allocated array per output, in order.
 */
export type ArrayKernel<A> = (
  inputs: readonly HostTensor[],
  attrs: A,
  outputs: readonly TensorSpec[],
) => DataArray[];

/** Every primitive (required) and any overrides (optional), typed by name like core's KernelTable. */
export type ArrayKernelTable = { readonly [K in PrimitiveName]: ArrayKernel<PrimitiveAttrs[K]> } & {
  readonly [K in OverrideName]?: ArrayKernel<OverrideAttrs[K]>;
};
