// Convolution geometry for both data layouts and filter layouts, and the matrices that turn a grouped
// conv2d (and its two adjoints) into gemm calls over an im2col column matrix built in wasm.
//
// Per batch item n and group g, with P = OH*OW output positions and R = Cin/groups * KH * KW taps:
//   Y_g(o, p) = sum_r W_g(o, r) · col(r, p)
// The tap index r is ordered like the filter's own layout (OIHW: c,kh,kw; HWIO: kh,kw,c), so W_g is a
// plain strided matrix over (o, r) and no filter copy is needed.

import {
  type ConvGeometry as BaseGeometry,
  convGeometry as baseGeometry,
  type Conv2dAttrs,
} from '@libml/core';
import type { MatrixRef } from './gemm.js';

/** Core's conv geometry plus the i32 block assembly/conv.ts reads. */
export interface ConvGeometry extends BaseGeometry {
  readonly block: Int32Array;
}

export function convGeometry(
  xShape: readonly number[],
  filterShape: readonly number[],
  yShape: readonly number[],
  attrs: Conv2dAttrs,
): ConvGeometry {
  const g = baseGeometry(xShape, filterShape, yShape, attrs);
  const block = Int32Array.from([
    ...g.xStrides,
    ...g.tapStrides,
    g.outHeight,
    g.outWidth,
    g.strideH,
    g.strideW,
    g.padTop,
    g.padLeft,
    g.dilationH,
    g.dilationW,
    g.inHeight,
    g.inWidth,
    g.kernelHeight,
    g.kernelWidth,
    g.groupInChannels,
    g.channelsLast ? 1 : 0,
    g.positions,
    g.taps,
  ]);
  return { ...g, block };
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
