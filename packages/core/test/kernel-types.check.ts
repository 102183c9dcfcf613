// Compile-time checks of the backend contract, run by `pnpm typecheck`: a wrong kernel registration
// must not compile. Each @ts-expect-error fails the typecheck if the line stops being an error.

import type { DataId, Kernel, KernelTable, OverrideAttrs, PrimitiveAttrs } from '@libml/core';

declare const someKernel: Kernel<PrimitiveAttrs['add']>;
declare const matmulKernel: Kernel<OverrideAttrs['matmul']>;
declare const table: KernelTable;

// A kernel reads its attributes with their declared types.
export const transposeKernel: Kernel<PrimitiveAttrs['transpose']> = (_inputs, attrs): DataId[] => {
  const perm: readonly number[] = attrs.perm;
  void perm;
  return [];
};

export const withOverride: KernelTable = { ...table, matmul: matmulKernel };

// @ts-expect-error a misspelled override name is not part of the contract
export const misspelled: KernelTable = { ...table, matmull: matmulKernel };

export const wrongAttrs: KernelTable = {
  ...table,
  // @ts-expect-error a kernel whose attributes do not match the op's
  softmax: (_i: unknown, attrs: { perm: number[] }) => [attrs],
};

// @ts-expect-error a table without every primitive is not a KernelTable
export const missingPrimitive: KernelTable = { add: someKernel };
