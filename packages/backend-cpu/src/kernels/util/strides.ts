// Stride arithmetic shared by the copy, broadcast and reduction kernels: collapsing dims and row iteration.

// broadcastStrides, collapseDims and row-major strides are core's shape arithmetic (shared with every backend).
import { collapseDims } from '@libml/core';

export { broadcastStrides, collapseDims, stridesOf as contiguousStrides } from '@libml/core';

export function product(dims: readonly number[], from = 0, to = dims.length): number {
  let n = 1;
  for (let i = from; i < to; i++) n *= dims[i];
  return n;
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
