// Convolution geometry for backend kernels: sizes and strides of a conv2d in either data and filter layout,
// computed once here so every backend's im2col/gemm kernels read the same numbers.

import type { Conv2dAttrs } from './backend.js';

/**
 * A convolution's geometry for kernels (both data layouts, both filter layouts): sizes, strides and the
 * per-group matrices im2col-style kernels multiply. Per batch item n and group g, with P = OH*OW output
 * positions and R = Cin/groups*KH*KW taps: Y_g(o, p) = sum_r W_g(o, r) col(r, p); the tap index r follows
 * the filter's own layout, so W_g is a plain strided matrix over (o, r).
 */
export interface ConvGeometry {
  readonly batch: number;
  readonly inChannels: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly outChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly groups: number;
  /** Input channels per group. */
  readonly groupInChannels: number;
  /** Output channels per group. */
  readonly groupOutChannels: number;
  /** Output positions per image, OH*OW. */
  readonly positions: number;
  /** Taps per output channel, Cin/groups*KH*KW. */
  readonly taps: number;
  readonly channelsLast: boolean;
  /** Strides of x over (n, c, h, w) and of y over (n, c, h, w), from the data layout. */
  readonly xStrides: readonly [number, number, number, number];
  readonly yStrides: readonly [number, number, number, number];
  /** Stride of the tap index r per input channel, kernel row and kernel column (filter layout order). */
  readonly tapStrides: readonly [number, number, number];
  /** W_g(o, r) = filter[wOffset(g) + o*filterOutStride + r*filterTapStride]. */
  readonly filterOutStride: number;
  readonly filterTapStride: number;
  /** Whether the conv is a per-pixel channel mix (1x1, stride 1, no padding): col is x itself. */
  readonly pointwise: boolean;
}

/** A conv2d's geometry from the x, filter and y shapes (whichever of them is the kernel's output). */
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
  return {
    batch,
    inChannels,
    inHeight,
    inWidth,
    outChannels,
    outHeight,
    outWidth,
    kernelHeight,
    kernelWidth,
    strideH,
    strideW,
    padTop,
    padLeft,
    dilationH: attrs.dilations[0],
    dilationW: attrs.dilations[1],
    groups,
    groupInChannels,
    groupOutChannels,
    positions: outHeight * outWidth,
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
  };
}
