// Average-pooling divisors, PyTorch's rule: with countIncludePad the window is clipped to the input plus
// its explicit padding (not ceil-mode overflow), otherwise to the input.

import type { AvgPool2dAttrs } from '@libml/core';
import type { PoolGeometry } from './pool.js';

export function checkAvgPoolDilations(op: string, attrs: AvgPool2dAttrs): void {
  if (attrs.dilations[0] !== 1 || attrs.dilations[1] !== 1) {
    throw new Error(`${op}: dilations must be [1, 1], got [${attrs.dilations.join(', ')}]`);
  }
}

/** Per-axis window extents counted by the divisor, for rows and columns separately. */
export function avgPoolCounts(
  geo: PoolGeometry,
  attrs: AvgPool2dAttrs,
): { rows: Float64Array; cols: Float64Array } {
  const counts = (
    start: Int32Array,
    first: Int32Array,
    end: Int32Array,
    kernel: number,
    size: number,
    padEnd: number,
  ): Float64Array => {
    const result = new Float64Array(start.length);
    for (let o = 0; o < start.length; o++) {
      result[o] = attrs.countIncludePad
        ? Math.min(start[o] + kernel, size + padEnd) - start[o]
        : end[o] - first[o];
    }
    return result;
  };
  return {
    rows: counts(geo.rowStart, geo.rowFirstTap, geo.rowEndTap, geo.kernelHeight, geo.inHeight, attrs.pads[1]),
    cols: counts(geo.colStart, geo.colFirstTap, geo.colEndTap, geo.kernelWidth, geo.inWidth, attrs.pads[3]),
  };
}
