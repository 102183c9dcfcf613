// Index validation shared by gather and scatterAdd.

import type { DataArray } from '@libml/core';

/** Copies int32 indices into [0, size), counting negative ones from the end; throws on out-of-range. */
export function normalizeIndices(op: string, indices: DataArray, size: number): Int32Array {
  const normalized = new Int32Array(indices.length);
  for (let j = 0; j < indices.length; j++) {
    const raw = indices[j];
    const index = raw < 0 ? raw + size : raw;
    if (!(index >= 0 && index < size)) {
      throw new Error(`${op}: index ${raw} is out of range for an axis of size ${size}`);
    }
    normalized[j] = index;
  }
  return normalized;
}
