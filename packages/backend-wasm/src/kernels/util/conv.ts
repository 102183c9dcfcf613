// Convolution geometry for both data layouts and filter layouts, and the matrices that turn a grouped
// conv2d (and its two adjoints) into gemm calls over an im2col column matrix built in wasm.
//
// Per batch item n and group g, with P = OH*OW output positions and R = Cin/groups * KH * KW taps:
//   Y_g(o, p) = sum_r W_g(o, r) · col(r, p)
// The tap index r is ordered like the filter's own layout (OIHW: c,kh,kw; HWIO: kh,kw,c), so W_g is a
// plain strided matrix over (o, r) and no filter copy is needed.

import type { Conv2dAttrs } from '@libml/core';
import type { MatrixRef } from './gemm.js';

export interface ConvGeometry {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly groups: number;
  readonly groupInChannels: number;
  readonly groupOutChannels: number;
  readonly positions: number;
  readonly taps: number;
  readonly channelsLast: boolean;
  readonly xStrides: readonly [number, number, number, number];
  readonly yStrides: readonly [number, number, number, number];
  readonly tapStrides: readonly [number, number, number];
  readonly filterOutStride: number;
  readonly filterTapStride: number;
  readonly pointwise: boolean;
  /** The i32 block assembly/conv.ts reads. */
  readonly block: Int32Array;
}

export function convGeometry(
  xShape: readonly number[],
  filterShape: readonly number[],
  yShape: readonly number[],
  attrs: Conv2dAttrs,
): ConvGeometry {
  const channelsLast = attrs.dataFormat === 'NHWC';
  const [batch, inChannels, inHeight, inWidth] = channelsLast
    ? [xShape[0], xShape[3], xShape[1], xShape[2]]
    : [xShape[0], xShape[1], xShape[2], xShape[3]];
  const [outChannels, outHeight, outWidth] = channelsLast
    ? [yShape[3], yShape[1], yShape[2]]
    : [yShape[1], yShape[2], yShape[3]];
  const hwio = attrs.filterFormat === 'HWIO';
  const [kernelHeight, kernelWidth, groupInChannels] = hwio
    ? [filterShape[0], filterShape[1], filterShape[2]]
    : [filterShape[2], filterShape[3], filterShape[1]];
  const groups = attrs.groups;
  const groupOutChannels = outChannels / groups;
  const taps = groupInChannels * kernelHeight * kernelWidth;
  const positions = outHeight * outWidth;
  const xStrides: [number, number, number, number] = channelsLast
    ? [inHeight * inWidth * inChannels, 1, inWidth * inChannels, inChannels]
    : [inChannels * inHeight * inWidth, inHeight * inWidth, inWidth, 1];
  const yStrides: [number, number, number, number] = channelsLast
    ? [outHeight * outWidth * outChannels, 1, outWidth * outChannels, outChannels]
    : [outChannels * outHeight * outWidth, outHeight * outWidth, outWidth, 1];
  const tapStrides: [number, number, number] = hwio
    ? [1, kernelWidth * groupInChannels, groupInChannels]
    : [kernelHeight * kernelWidth, kernelWidth, 1];
  const [strideH, strideW] = attrs.strides;
  const [padTop, , padLeft] = attrs.pads;
  const [dilationH, dilationW] = attrs.dilations;
  const block = Int32Array.from([
    ...xStrides,
    ...tapStrides,
    outHeight,
    outWidth,
    strideH,
    strideW,
    padTop,
    padLeft,
    dilationH,
    dilationW,
    inHeight,
    inWidth,
    kernelHeight,
    kernelWidth,
    groupInChannels,
    channelsLast ? 1 : 0,
    positions,
    taps,
  ]);
  return {
    batch,
    inHeight,
    inWidth,
    outHeight,
    outWidth,
    kernelHeight,
    kernelWidth,
    groups,
    groupInChannels,
    groupOutChannels,
    positions,
    taps,
    channelsLast,
    xStrides,
    yStrides,
    tapStrides,
    filterOutStride: hwio ? 1 : taps,
    filterTapStride: hwio ? outChannels : 1,
    pointwise:
      kernelHeight === 1 &&
      kernelWidth === 1 &&
      strideH === 1 &&
      strideW === 1 &&
      attrs.pads.every((p) => p === 0) &&
      outHeight === inHeight &&
      outWidth === inWidth,
    block,
  };
}

/** W_g as an (o, r) matrix; `transposed` gives the (r, o) view. */
export function filterMatrix(geo: ConvGeometry, ptr: number, group: number, transposed: boolean): MatrixRef {
  const offset = group * geo.groupOutChannels * geo.filterOutStride;
  return transposed
    ? { ptr, offset, rowStride: geo.filterTapStride, colStride: geo.filterOutStride }
    : { ptr, offset, rowStride: geo.filterOutStride, colStride: geo.filterTapStride };
}

/** Y_g for batch item n as an (o, p) matrix; `transposed` gives the (p, o) view. */
export function outputMatrix(
  geo: ConvGeometry,
  ptr: number,
  n: number,
  group: number,
  transposed: boolean,
): MatrixRef {
  const [ys0, ysc, , ysw] = geo.yStrides;
  const offset = n * ys0 + group * geo.groupOutChannels * ysc;
  return transposed
    ? { ptr, offset, rowStride: ysw, colStride: ysc }
    : { ptr, offset, rowStride: ysc, colStride: ysw };
}

/**
 * The column matrix col(r, p) of batch item n, group g: stored [R, P] for NCHW and [P, R] for NHWC in
 * `buffer`; for a pointwise conv a view of x itself.
 */
export function columnMatrix(
  geo: ConvGeometry,
  x: number,
  n: number,
  group: number,
  buffer: number,
  transposed: boolean,
): MatrixRef {
  let offset = 0;
  let tapStride: number;
  let positionStride: number;
  let ptr = buffer;
  if (geo.pointwise) {
    ptr = x;
    offset = n * geo.xStrides[0] + group * geo.groupInChannels * geo.xStrides[1];
    tapStride = geo.xStrides[1];
    positionStride = geo.xStrides[3];
  } else if (geo.channelsLast) {
    tapStride = 1;
    positionStride = geo.taps;
  } else {
    tapStride = geo.positions;
    positionStride = 1;
  }
  return transposed
    ? { ptr, offset, rowStride: positionStride, colStride: tapStride }
    : { ptr, offset, rowStride: tapStride, colStride: positionStride };
}
