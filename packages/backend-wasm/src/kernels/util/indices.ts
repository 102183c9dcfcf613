// Index validation shared by gather and scatterAdd, in wasm: negative indices count from the end.

import type { TensorInfo } from '@libml/core';
import type { Runtime } from '../../runtime.js';

/** Address of a scratch copy of the int32 indices in [0, size); throws on an out-of-range index. */
export function normalizeIndices(rt: Runtime, op: string, indices: TensorInfo, size: number): number {
  let count = 1;
  for (const d of indices.shape) count *= d;
  const norm = rt.temp(count * 4);
  const bad = rt.k.normalizeIndices(rt.ptr(indices), norm, count, size);
  if (bad >= 0) {
    const raw = rt.heap.i32[(rt.ptr(indices) >> 2) + bad];
    throw new Error(`${op}: index ${raw} is out of range for an axis of size ${size}`);
  }
  return norm;
}
