// transpose: out[i0..] = x[i_perm^-1..]: a strided copy; swaps of the last two (collapsed) axes go through
// cache-sized tiles so neither side is walked with a large stride for long.

import type { DataArray, Kernel, PrimitiveAttrs } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { copyStrided } from './util/copy.js';
import { collapseDims, contiguousStrides } from './util/strides.js';

const TILE = 32;

export const transpose: Kernel<PrimitiveAttrs['transpose']> = (inputs, { perm }, outputs) => {
  const out = allocOutput(outputs[0]);
  const x = valuesOf(inputs[0]);
  const inStrides = contiguousStrides(inputs[0].shape);
  const outShape = outputs[0].shape;
  const srcStrides = perm.map((p) => inStrides[p]);
  const outStrides = contiguousStrides(outShape);
  const collapsed = collapseDims(outShape, [srcStrides, outStrides]);
  const rank = collapsed.shape.length;
  if (rank >= 2 && isBatchedMatrixTranspose(collapsed.shape, collapsed.strides[0])) {
    const rows = collapsed.shape[rank - 2];
    const cols = collapsed.shape[rank - 1];
    const matrix = rows * cols;
    const batch = out.values.length / matrix;
    for (let b = 0; b < batch; b++) tileTranspose(x, b * matrix, out.values, b * matrix, cols, rows);
    return [out];
  }
  copyStrided(x, 0, srcStrides, out.values, 0, outStrides, outShape);
  return [out];
};

/**
 * True when out[b, r, c] = src[b*R*C + c*R + r]: the source is a batch of C x R matrices, in order, and the
 * output holds their transposes.
 */
function isBatchedMatrixTranspose(shape: readonly number[], srcStrides: readonly number[]): boolean {
  const rank = shape.length;
  const rows = shape[rank - 2];
  if (srcStrides[rank - 2] !== 1 || srcStrides[rank - 1] !== rows) return false;
  let expected = rows * shape[rank - 1];
  for (let d = rank - 3; d >= 0; d--) {
    if (srcStrides[d] !== expected) return false;
    expected *= shape[d];
  }
  return true;
}

/** Writes the transpose of the srcRows x srcCols row-major matrix at srcOffset to dst, tile by tile. */
function tileTranspose(
  src: DataArray,
  srcOffset: number,
  dst: DataArray,
  dstOffset: number,
  srcRows: number,
  srcCols: number,
): void {
  for (let r0 = 0; r0 < srcRows; r0 += TILE) {
    const r1 = Math.min(r0 + TILE, srcRows);
    for (let c0 = 0; c0 < srcCols; c0 += TILE) {
      const c1 = Math.min(c0 + TILE, srcCols);
      for (let r = r0; r < r1; r++) {
        const s = srcOffset + r * srcCols;
        for (let c = c0; c < c1; c++) dst[dstOffset + c * srcRows + r] = src[s + c];
      }
    }
  }
}
