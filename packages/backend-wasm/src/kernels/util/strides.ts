// Stride arithmetic on the JS side: broadcasting strides, row-major strides and merging of dims that every
// operand walks contiguously, so the wasm loops run over the fewest, longest rows.

/** Strides of `inShape` read as `outShape` under NumPy broadcasting (0 along broadcast dims). */
export function broadcastStrides(inShape: readonly number[], outShape: readonly number[]): number[] {
  const rank = outShape.length;
  const lead = rank - inShape.length;
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let i = inShape.length - 1; i >= 0; i--) {
    strides[i + lead] = inShape[i] === 1 ? 0 : stride;
    stride *= inShape[i];
  }
  return strides;
}

/** Row-major strides. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i];
  }
  return strides;
}

export function product(dims: readonly number[], from = 0, to = dims.length): number {
  let n = 1;
  for (let i = from; i < to; i++) n *= dims[i];
  return n;
}

/** Drops size-1 dims and merges neighbours that every operand walks contiguously. */
export function collapseDims(
  shape: readonly number[],
  stridesList: readonly (readonly number[])[],
): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides = stridesList.map(() => [] as number[]);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d];
    if (size === 1) continue;
    const last = outShape.length - 1;
    let mergeable = last >= 0;
    for (let k = 0; k < stridesList.length && mergeable; k++) {
      mergeable = outStrides[k][last] === stridesList[k][d] * size;
    }
    if (mergeable) {
      outShape[last] *= size;
      for (let k = 0; k < stridesList.length; k++) outStrides[k][last] = stridesList[k][d];
    } else {
      outShape.push(size);
      for (let k = 0; k < stridesList.length; k++) outStrides[k].push(stridesList[k][d]);
    }
  }
  return { shape: outShape, strides: outStrides };
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
