// Strided copy between two arrays of one dtype: the engine of transpose, broadcastTo, slice, pad, concat.

import type { DataArray } from '@libml/core';
import { RowIterator } from './strides.js';

/** Rows at least this long are copied with TypedArray.set (a memcpy) instead of an element loop. */
const MEMCPY_MIN = 32;

/**
 * Copies the `shape`-sized block read from `src` at `srcOffset` with `srcStrides` into `dst` at
 * `dstOffset` with `dstStrides`. Both arrays must have the same element type.
 */
export function copyStrided(
  src: DataArray,
  srcOffset: number,
  srcStrides: readonly number[],
  dst: DataArray,
  dstOffset: number,
  dstStrides: readonly number[],
  shape: readonly number[],
): void {
  const rows = new RowIterator(shape, [srcStrides, dstStrides], [srcOffset, dstOffset]);
  const n = rows.rowLength;
  const srcStep = rows.innerStrides[0];
  const dstStep = rows.innerStrides[1];
  const offsets = rows.offsets;
  const memcpy = srcStep === 1 && dstStep === 1 && n >= MEMCPY_MIN;
  for (let r = 0; r < rows.rowCount; r++) {
    const s = offsets[0];
    const d = offsets[1];
    if (memcpy) {
      dst.set(src.subarray(s, s + n), d);
    } else {
      for (let i = 0, si = s, di = d; i < n; i++, si += srcStep, di += dstStep) dst[di] = src[si];
    }
    rows.next();
  }
}

/** Copies `n` contiguous elements, with memcpy for long runs. */
export function copyRun(
  src: DataArray,
  srcOffset: number,
  dst: DataArray,
  dstOffset: number,
  n: number,
): void {
  if (n >= MEMCPY_MIN) {
    dst.set(src.subarray(srcOffset, srcOffset + n), dstOffset);
  } else {
    for (let i = 0; i < n; i++) dst[dstOffset + i] = src[srcOffset + i];
  }
}
