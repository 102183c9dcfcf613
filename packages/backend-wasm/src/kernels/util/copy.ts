// The strided copy behind the movement kernels: a shape-sized block read from `src` with `srcStrides`
// (element offset `srcOffset`) written to `dst` with `dstStrides` (offset `dstOffset`), in wasm.

import type { DType } from '@libml/core';
import type { Runtime } from '../../runtime.js';
import { walkBlock } from './strides.js';

export function shiftOf(dtype: DType): number {
  return dtype === 'bool' ? 0 : 2;
}

export function copyStrided(
  rt: Runtime,
  dtype: DType,
  src: number,
  srcOffset: number,
  srcStrides: readonly number[],
  dst: number,
  dstOffset: number,
  dstStrides: readonly number[],
  shape: readonly number[],
): void {
  if (shape.some((d) => d === 0)) return;
  const walk = rt.ints(walkBlock(shape, [dstStrides, srcStrides], [dstOffset, srcOffset]));
  rt.k.copyStrided(shiftOf(dtype), dst, src, walk);
}
