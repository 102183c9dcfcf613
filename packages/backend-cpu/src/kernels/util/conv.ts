// Convolution geometry for both data layouts and filter layouts, and the im2col / col2im transforms
// that turn a grouped conv2d (and its two adjoints) into gemm calls.
//
// Per batch item n and group g, with P = OH*OW output positions and R = Cin/groups * KH * KW taps:
//   Y_g(o, p) = sum_r W_g(o, r) · col(r, p)
// The tap index r is ordered like the filter's own layout (OIHW: c,kh,kw; HWIO: kh,kw,c), so W_g is a
// plain strided matrix over (o, r) and no filter copy is needed.

import { type ConvGeometry, convGeometry, type DataArray } from '@libml/core';
import type { MatrixRef } from './gemm.js';

export { type ConvGeometry, convGeometry };

/** W_g as an (o, r) matrix; `transposed` gives the (r, o) view. */
export function filterMatrix(
  geo: ConvGeometry,
  filter: DataArray,
  group: number,
  transposed: boolean,
): MatrixRef {
  const offset = group * geo.groupOutChannels * geo.filterOutStride;
  return transposed
    ? { data: filter, offset, rowStride: geo.filterTapStride, colStride: geo.filterOutStride }
    : { data: filter, offset, rowStride: geo.filterOutStride, colStride: geo.filterTapStride };
}

/** Y_g for batch item n as an (o, p) matrix; `transposed` gives the (p, o) view. */
export function outputMatrix(geo: ConvGeometry, y: DataArray, n: number, group: number, transposed: boolean) {
  const [ys0, ysc, , ysw] = geo.yStrides;
  // Positions p = oh*OW + ow advance by the w stride in both layouts.
  const offset = n * ys0 + group * geo.groupOutChannels * ysc;
  const ref: MatrixRef = transposed
    ? { data: y, offset, rowStride: ysw, colStride: ysc }
    : { data: y, offset, rowStride: ysc, colStride: ysw };
  return ref;
}

/**
 * The column matrix col(r, p) of batch item n, group g. Stored [R, P] for NCHW (rows are strided copies of
 * image rows) and [P, R] for NHWC (channels are contiguous in both x and col). For a pointwise conv it is a
 * view of x and `buffer` is not touched.
 */
export function columnMatrix(
  geo: ConvGeometry,
  x: DataArray,
  n: number,
  group: number,
  buffer: DataArray,
  transposed: boolean,
): MatrixRef {
  let offset = 0;
  let tapStride: number;
  let positionStride: number;
  let data = buffer;
  if (geo.pointwise) {
    data = x;
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
    ? { data, offset, rowStride: positionStride, colStride: tapStride }
    : { data, offset, rowStride: tapStride, colStride: positionStride };
}

/** First and one-past-last output index whose tap `k` lands inside [0, size). */
function validRange(k: number, stride: number, pad: number, dilation: number, size: number, out: number) {
  // in = o*stride - pad + k*dilation must satisfy 0 <= in < size.
  const shift = pad - k * dilation;
  const start = Math.max(0, Math.ceil(shift / stride));
  const end = Math.min(out, Math.floor((size - 1 + shift) / stride) + 1);
  return [start, Math.max(start, end)] as const;
}

/**
 * im2col (or, with `scatter`, col2im: x += the column matrix folded back onto the image). Writes every
 * element of the column matrix, zeros for taps that fall in the padding.
 */
export function imageToColumns(
  geo: ConvGeometry,
  x: DataArray,
  n: number,
  group: number,
  col: DataArray,
  scatter: boolean,
): void {
  const [xsn, xsc, xsh, xsw] = geo.xStrides;
  const [rc, rkh, rkw] = geo.tapStrides;
  const { outHeight, outWidth, strideH, strideW, padTop, padLeft, dilationH, dilationW } = geo;
  const colTap = geo.channelsLast ? 1 : geo.positions;
  const colPos = geo.channelsLast ? geo.taps : 1;
  const cin = geo.groupInChannels;
  const xBase = n * xsn + group * cin * xsc;
  for (let kh = 0; kh < geo.kernelHeight; kh++) {
    const [ohStart, ohEnd] = validRange(kh, strideH, padTop, dilationH, geo.inHeight, outHeight);
    for (let kw = 0; kw < geo.kernelWidth; kw++) {
      const [owStart, owEnd] = validRange(kw, strideW, padLeft, dilationW, geo.inWidth, outWidth);
      const tap = kh * rkh + kw * rkw;
      for (let oh = 0; oh < outHeight; oh++) {
        const inRow = oh >= ohStart && oh < ohEnd;
        const ih = oh * strideH - padTop + kh * dilationH;
        const rowStart = oh * outWidth;
        if (geo.channelsLast) {
          // Channels innermost: contiguous in x and (for HWIO taps) in col.
          for (let ow = 0; ow < outWidth; ow++) {
            const c0 = tap * colTap + (rowStart + ow) * colPos;
            const inside = inRow && ow >= owStart && ow < owEnd;
            const s0 = xBase + ih * xsh + (ow * strideW - padLeft + kw * dilationW) * xsw;
            if (scatter) {
              if (inside) for (let c = 0; c < cin; c++) x[s0 + c * xsc] += col[c0 + c * rc];
            } else if (inside) {
              for (let c = 0; c < cin; c++) col[c0 + c * rc] = x[s0 + c * xsc];
            } else {
              for (let c = 0; c < cin; c++) col[c0 + c * rc] = 0;
            }
          }
        } else {
          // Output columns innermost: a strided walk along one image row per channel.
          for (let c = 0; c < cin; c++) {
            const d0 = (tap + c * rc) * colTap + rowStart;
            const s0 = xBase + c * xsc + ih * xsh - padLeft * xsw + kw * dilationW * xsw;
            const step = strideW * xsw;
            if (scatter) {
              if (!inRow) continue;
              for (let ow = owStart, s = s0 + owStart * step; ow < owEnd; ow++, s += step)
                x[s] += col[d0 + ow];
            } else if (!inRow) {
              col.fill(0, d0, d0 + outWidth);
            } else {
              col.fill(0, d0, d0 + owStart);
              for (let ow = owStart, s = s0 + owStart * step; ow < owEnd; ow++, s += step)
                col[d0 + ow] = x[s];
              col.fill(0, d0 + owEnd, d0 + outWidth);
            }
          }
        }
      }
    }
  }
}
