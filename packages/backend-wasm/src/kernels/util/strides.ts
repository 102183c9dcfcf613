// Stride arithmetic on the JS side: broadcasting strides, row-major strides and merging of dims that every
// operand walks contiguously, so the wasm loops run over the fewest, longest rows.

// broadcastStrides, collapseDims and row-major strides are core's shape arithmetic (shared with every backend).
import { collapseDims } from '@libml/core';

export { broadcastStrides, collapseDims, stridesOf as contiguousStrides } from '@libml/core';

export function product(dims: readonly number[], from = 0, to = dims.length): number {
  let n = 1;
  for (let i = from; i < to; i++) n *= dims[i];
  return n;
}

/**
 * The i32 "walk" block the wasm kernels iterate with (assembly/common.ts): [nOps, R, rowLen, rowCount,
 * inner strides, outer dims, outer strides per operand, counters, start offsets].
 */
export function walkBlock(
  shape: readonly number[],
  stridesList: readonly (readonly number[])[],
  offsets?: readonly number[],
): Int32Array {
  const nOps = stridesList.length;
  const collapsed = collapseDims(shape, stridesList);
  const rank = collapsed.shape.length;
  const empty = shape.some((d) => d === 0);
  const outer = Math.max(rank - 1, 0);
  const block = new Int32Array(4 + nOps + outer + nOps * outer + outer + nOps);
  block[0] = nOps;
  block[1] = outer;
  block[2] = empty ? 0 : rank === 0 ? 1 : collapsed.shape[rank - 1];
  block[3] = empty ? 0 : rank === 0 ? 1 : product(collapsed.shape, 0, rank - 1);
  let i = 4;
  for (let k = 0; k < nOps; k++) block[i++] = rank === 0 ? 0 : collapsed.strides[k][rank - 1];
  for (let d = 0; d < outer; d++) block[i++] = collapsed.shape[d];
  for (let k = 0; k < nOps; k++) for (let d = 0; d < outer; d++) block[i++] = collapsed.strides[k][d];
  i += outer;
  for (let k = 0; k < nOps; k++) block[i++] = offsets ? offsets[k] : 0;
  return block;
}
