// Pooling geometry for either layout: per output row and column the window's start and the range of taps
// inside the input, packed into the i32 block assembly/pool.ts reads; and the average-pooling divisors
// (PyTorch's countIncludePad rule: the window clipped to the input plus its explicit padding, never the
// ceil-mode overflow).

import type { AvgPool2dAttrs, Pool2dAttrs } from '@libml/core';

export interface PoolGeometry {
  readonly block: Int32Array;
  /** outH row extents then outW column extents counted by the average divisor. */
  readonly divisors: (countIncludePad: boolean, pads: readonly number[]) => Float64Array;
  readonly size: number;
}

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
  const layoutStrides = (h: number, w: number): number[] =>
    channelsLast ? [h * w * channels, 1, w * channels, channels] : [channels * h * w, h * w, w, 1];
  const block = new Int32Array(14 + 3 * outHeight + 3 * outWidth);
  block.set([
    batch,
    channels,
    outHeight,
    outWidth,
    ...layoutStrides(inHeight, inWidth),
    ...layoutStrides(outHeight, outWidth),
    dilationH,
    dilationW,
  ]);
  for (let o = 0; o < outHeight; o++) block.set([rows.start[o], rows.first[o], rows.end[o]], 14 + 3 * o);
  for (let o = 0; o < outWidth; o++) {
    block.set([cols.start[o], cols.first[o], cols.end[o]], 14 + 3 * outHeight + 3 * o);
  }
  const divisors = (countIncludePad: boolean, pads: readonly number[]) => {
    const result = new Float64Array(outHeight + outWidth);
    for (let o = 0; o < outHeight; o++) {
      result[o] = countIncludePad
        ? Math.min(rows.start[o] + kernelHeight, inHeight + pads[1]) - rows.start[o]
        : rows.end[o] - rows.first[o];
    }
    for (let o = 0; o < outWidth; o++) {
      result[outHeight + o] = countIncludePad
        ? Math.min(cols.start[o] + kernelWidth, inWidth + pads[3]) - cols.start[o]
        : cols.end[o] - cols.first[o];
    }
    return result;
  };
  return { block, divisors, size: batch * channels * outHeight * outWidth };
}

export function checkAvgPoolDilations(op: string, attrs: AvgPool2dAttrs): void {
  if (attrs.dilations[0] !== 1 || attrs.dilations[1] !== 1) {
    throw new Error(`${op}: dilations must be [1, 1], got [${attrs.dilations.join(', ')}]`);
  }
}
