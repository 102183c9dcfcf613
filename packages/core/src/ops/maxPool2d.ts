// 2-D max pooling: kernel, strides (default: the kernel), padding (never selected), dilations,
// ceilMode, NCHW/NHWC. NaN propagates. Decomposes into window extraction and a max reduction.
// Gradient: maxPool2dGrad, which sends dy to the first maximal element of each window.

import type { Layout, Pool2dAttrs } from '../backend.js';
import {
  checkLayout,
  checkRank4,
  extractWindows,
  fromNCHW,
  type Padding,
  pair,
  resolvePads,
  spatial,
  toNCHW,
  windowCount,
} from '../conv-geometry.js';
import { apply, type OpSpec, tidy } from '../engine.js';
import { AttributeError, ShapeError } from '../errors.js';
import { asFloat, type TensorLike, toTensor } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { max } from './max.js';
import { maxPool2dGrad } from './maxPool2dGrad.js';
import { reshape } from './reshape.js';

/** Options shared by maxPool2d and avgPool2d. */
export interface Pool2dOptions {
  /** Window size per spatial axis [h, w], or one number for both. */
  kernelSize: number | readonly [number, number];
  /** Window step per spatial axis, or one number for both (default: the kernel size). */
  strides?: number | readonly [number, number];
  /** 'valid' (no padding, the default), 'same', or explicit pads of at most half the (dilated) window. */
  padding?: Padding;
  /** Round the output size up, so a partial window at the end yields an output (default false). */
  ceilMode?: boolean;
  /** Layout of x and of the output (default NCHW). */
  dataFormat?: Layout;
}
/** Options of maxPool2d: the pooling options plus dilations. */
export interface MaxPool2dOptions extends Pool2dOptions {
  /** Spacing between window taps per spatial axis, or one number for both (default 1). */
  dilations?: number | readonly [number, number];
}

/** @internal [OH, OW] and the output shape of a pooling op. */
export function poolOutput(
  xShape: readonly number[],
  a: Pool2dAttrs,
): { hw: [number, number]; shape: number[] } {
  const [h, w] = spatial({ shape: xShape }, a.dataFormat);
  const oh = windowCount(h, a.kernelSize[0], a.strides[0], a.dilations[0], a.pads[0], a.pads[1], a.ceilMode);
  const ow = windowCount(w, a.kernelSize[1], a.strides[1], a.dilations[1], a.pads[2], a.pads[3], a.ceilMode);
  const [n, c] = a.dataFormat === 'NCHW' ? [xShape[0], xShape[1]] : [xShape[0], xShape[3]];
  return { hw: [oh, ow], shape: a.dataFormat === 'NCHW' ? [n, c, oh, ow] : [n, oh, ow, c] };
}

/**
 * @internal Resolves pooling options against x; throws AttributeError or ShapeError for a bad rank, layout or
 * padding, or a window larger than the padded input.
 */
export function resolvePoolAttrs(op: string, x: Tensor, o: MaxPool2dOptions): Pool2dAttrs {
  checkRank4(op, 'x', x);
  const dataFormat = checkLayout(op, o.dataFormat);
  const kernelSize = pair(op, 'kernelSize', o.kernelSize, 1);
  const strides = pair(op, 'strides', o.strides ?? kernelSize, 1);
  const dilations = pair(op, 'dilations', o.dilations, 1);
  const pads = resolvePads(op, o.padding, spatial(x, dataFormat), kernelSize, strides, dilations);
  if (
    pads[0] + pads[1] > 0 &&
    Math.max(pads[0], pads[1]) * 2 > (kernelSize[0] - 1) * dilations[0] + 1 &&
    o.padding !== 'same'
  ) {
    throw new AttributeError(op, 'padding', `[${pads.join(', ')}] must be at most half the (dilated) kernel`);
  }
  const a: Pool2dAttrs = { kernelSize, strides, pads, dilations, ceilMode: !!o.ceilMode, dataFormat };
  const [oh, ow] = poolOutput(x.shape, a).hw;
  if (oh <= 0 || ow <= 0)
    throw new ShapeError(op, 'the window is larger than the padded input', { x: x.shape });
  return a;
}

/** @internal Pooling windows of x (any layout) as NCHW [N, C, OH, OW, KH*KW]. */
export function poolWindows(x: Tensor, a: Pool2dAttrs, padValue: number): Tensor {
  const [oh, ow] = poolOutput(x.shape, a).hw;
  const win = extractWindows(toNCHW(x, a.dataFormat), a, [oh, ow], padValue);
  const [n, c] = win.shape;
  return reshape(win, [n, c, oh, ow, a.kernelSize[0] * a.kernelSize[1]]);
}

const spec: OpSpec<Pool2dAttrs> = {
  name: 'maxPool2d',
  infer: ([x], a) => [{ shape: poolOutput(x.shape, a).shape, dtype: x.dtype }],
  decompose: ([x], a) => [fromNCHW(max(poolWindows(x, a, Number.NEGATIVE_INFINITY), -1), a.dataFormat)],
  vjp: ([dy], [x], _y, a) => [maxPool2dGrad(x, dy, a)],
};

/**
 * 2-D max pooling of a 4-D `x` (NCHW unless `dataFormat` says NHWC) over `kernelSize` windows; padding is
 * never selected and NaN propagates. int and bool become float32. Throws AttributeError or ShapeError for a
 * bad rank, layout or padding, or a window larger than the padded input. Gradient: maxPool2dGrad (dy to the
 * first maximal element of each window).
 */
export function maxPool2d(x: TensorLike, options: MaxPool2dOptions): Tensor {
  return tidy(() => {
    const t = asFloat(toTensor('maxPool2d', 'x', x));
    return apply(spec, [t], resolvePoolAttrs('maxPool2d', t, options))[0];
  });
}
