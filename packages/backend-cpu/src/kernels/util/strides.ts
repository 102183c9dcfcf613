// Stride arithmetic shared by the copy, broadcast and reduction kernels: collapsing dims and row iteration.

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

/**
 * Drops size-1 dims and merges neighbours that every operand walks contiguously, so loops run over the
 * fewest, longest dims. Returns a rank-0 result for a single element.
 */
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
 * Walks a strided iteration space one innermost row at a time. After collapsing, `rowLength` elements
 * are visited per row with `innerStrides[k]` per operand; `offsets[k]` is each operand's row start and
 * `next()` moves every operand to the following row. Callers run their own tight loop per row.
 */
export class RowIterator {
  readonly rowLength: number;
  readonly rowCount: number;
  readonly innerStrides: number[];
  readonly offsets: number[];
  private readonly outerDims: number[];
  private readonly outerStrides: number[][];
  private readonly counters: number[];

  constructor(shape: readonly number[], stridesList: readonly (readonly number[])[], baseOffsets?: number[]) {
    const collapsed = collapseDims(shape, stridesList);
    const operands = stridesList.length;
    this.offsets = baseOffsets ? [...baseOffsets] : new Array<number>(operands).fill(0);
    const rank = collapsed.shape.length;
    if (shape.some((d) => d === 0)) {
      this.rowLength = 0;
      this.rowCount = 0;
    } else if (rank === 0) {
      this.rowLength = 1;
      this.rowCount = 1;
    } else {
      this.rowLength = collapsed.shape[rank - 1];
      this.rowCount = product(collapsed.shape, 0, rank - 1);
    }
    this.innerStrides = collapsed.strides.map((s) => (rank === 0 ? 0 : s[rank - 1]));
    this.outerDims = collapsed.shape.slice(0, Math.max(rank - 1, 0));
    this.outerStrides = collapsed.strides.map((s) => s.slice(0, Math.max(rank - 1, 0)));
    this.counters = new Array<number>(this.outerDims.length).fill(0);
  }

  next(): void {
    const { outerDims, outerStrides, counters, offsets } = this;
    const operands = offsets.length;
    for (let d = outerDims.length - 1; d >= 0; d--) {
      counters[d]++;
      if (counters[d] < outerDims[d]) {
        for (let k = 0; k < operands; k++) offsets[k] += outerStrides[k][d];
        return;
      }
      counters[d] = 0;
      for (let k = 0; k < operands; k++) offsets[k] -= outerStrides[k][d] * (outerDims[d] - 1);
    }
  }
}
