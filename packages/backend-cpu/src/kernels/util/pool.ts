// Pooling geometry: per output row/column, the window's clipped extent inside the input, for either layout.

import type { Pool2dAttrs } from '@libml/core';

export interface PoolGeometry {
  readonly batch: number;
  readonly channels: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly dilationH: number;
  readonly dilationW: number;
  /** Input index of each output row's first tap (may be negative, in the padding). */
  readonly rowStart: Int32Array;
  /** Taps [first, end) of each output row that fall inside the input. */
  readonly rowFirstTap: Int32Array;
  readonly rowEndTap: Int32Array;
  readonly colStart: Int32Array;
  readonly colFirstTap: Int32Array;
  readonly colEndTap: Int32Array;
  /** Strides of x and y over (n, c, h, w). */
  readonly xStrides: readonly [number, number, number, number];
  readonly yStrides: readonly [number, number, number, number];
}

export function poolGeometry(
  xShape: readonly number[],
  yShape: readonly number[],
  attrs: Pool2dAttrs,
): PoolGeometry {
  const channelsLast = attrs.dataFormat === 'NHWC';
  const [batch, channels, inHeight, inWidth] = channelsLast
    ? [xShape[0], xShape[3], xShape[1], xShape[2]]
    : [xShape[0], xShape[1], xShape[2], xShape[3]];
  const [outHeight, outWidth] = channelsLast ? [yShape[1], yShape[2]] : [yShape[2], yShape[3]];
  const [kernelHeight, kernelWidth] = attrs.kernelSize;
  const [dilationH, dilationW] = attrs.dilations;
  const rows = windowTaps(outHeight, attrs.strides[0], attrs.pads[0], kernelHeight, dilationH, inHeight);
  const cols = windowTaps(outWidth, attrs.strides[1], attrs.pads[2], kernelWidth, dilationW, inWidth);
  const layoutStrides = (h: number, w: number): [number, number, number, number] =>
    channelsLast ? [h * w * channels, 1, w * channels, channels] : [channels * h * w, h * w, w, 1];
  return {
    batch,
    channels,
    inHeight,
    inWidth,
    outHeight,
    outWidth,
    kernelHeight,
    kernelWidth,
    dilationH,
    dilationW,
    rowStart: rows.start,
    rowFirstTap: rows.first,
    rowEndTap: rows.end,
    colStart: cols.start,
    colFirstTap: cols.first,
    colEndTap: cols.end,
    xStrides: layoutStrides(inHeight, inWidth),
    yStrides: layoutStrides(outHeight, outWidth),
  };
}

/** For each output index along one dim: window start and the range of taps landing inside [0, size). */
function windowTaps(
  out: number,
  stride: number,
  pad: number,
  kernel: number,
  dilation: number,
  size: number,
) {
  const start = new Int32Array(out);
  const first = new Int32Array(out);
  const end = new Int32Array(out);
  for (let o = 0; o < out; o++) {
    const s = o * stride - pad;
    start[o] = s;
    first[o] = Math.max(0, Math.ceil(-s / dilation));
    end[o] = Math.max(first[o], Math.min(kernel, Math.floor((size - 1 - s) / dilation) + 1));
  }
  return { start, first, end };
}
