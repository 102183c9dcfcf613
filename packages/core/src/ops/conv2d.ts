// 2-D convolution (cross-correlation, as every ML library): strides, dilations, padding, groups,
// NCHW/NHWC data and OIHW/HWIO filters, optional bias. Decomposes into im2col (pad + gathers) and a
// grouped matmul. Gradient: conv2dBackpropInput for x, conv2dBackpropFilter for the filter.

import type { Conv2dAttrs, FilterLayout, Layout } from '../backend.js';
import {
  channels,
  checkLayout,
  checkRank4,
  conv2dByIm2col,
  filterDims,
  fromNCHW,
  type Padding,
  pair,
  resolvePads,
  spatial,
  toNCHW,
  toOIHW,
  windowCount,
} from '../conv-geometry.js';
import { apply, type OpSpec, tidy } from '../engine.js';
import { AttributeError, DTypeError, ShapeError } from '../errors.js';
import { promotePair, type TensorLike, toTensor } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { add } from './add.js';
import { conv2dBackpropFilter } from './conv2dBackpropFilter.js';
import { conv2dBackpropInput } from './conv2dBackpropInput.js';
import { matmul } from './matmul.js';
import { reshape } from './reshape.js';

/** Options of conv2d. */
export interface Conv2dOptions {
  /** Window step per spatial axis [h, w], or one number for both (default 1). */
  strides?: number | readonly [number, number];
  /** 'valid' (no padding, the default), 'same', or explicit pads. */
  padding?: Padding;
  /** Spacing between filter taps per spatial axis, or one number for both (default 1). */
  dilations?: number | readonly [number, number];
  /** Splits input and output channels into this many independent convolutions (default 1). */
  groups?: number;
  /** Layout of x and of the output (default NCHW). */
  dataFormat?: Layout;
  /** Defaults to OIHW with NCHW data and HWIO with NHWC data. */
  filterFormat?: FilterLayout;
  /** Per-output-channel bias [O]. */
  bias?: TensorLike;
}

/** @internal Output shape of conv2d for resolved attributes. */
export function conv2dOutputShape(
  xShape: readonly number[],
  wShape: readonly number[],
  a: Conv2dAttrs,
): number[] {
  const x = { shape: xShape };
  const [o, , kh, kw] = filterDims({ shape: wShape }, a.filterFormat);
  const [h, w] = spatial(x, a.dataFormat);
  const oh = windowCount(h, kh, a.strides[0], a.dilations[0], a.pads[0], a.pads[1]);
  const ow = windowCount(w, kw, a.strides[1], a.dilations[1], a.pads[2], a.pads[3]);
  return a.dataFormat === 'NCHW' ? [xShape[0], o, oh, ow] : [xShape[0], oh, ow, o];
}

/** @internal Checks that input channels, filter and groups agree. */
export function checkConvChannels(
  op: string,
  xShape: readonly number[],
  wShape: readonly number[],
  a: Conv2dAttrs,
): void {
  const [o, cg, kh, kw] = filterDims({ shape: wShape }, a.filterFormat);
  const c = channels({ shape: xShape }, a.dataFormat);
  if (c !== cg * a.groups || o % a.groups !== 0) {
    throw new ShapeError(
      op,
      `input channels ${c} and filter ${a.filterFormat} [O=${o}, I=${cg}] do not fit groups=${a.groups}`,
      {
        x: xShape,
        filter: wShape,
      },
    );
  }
  const [h, w] = spatial({ shape: xShape }, a.dataFormat);
  if (
    (kh - 1) * a.dilations[0] + 1 > h + a.pads[0] + a.pads[1] ||
    (kw - 1) * a.dilations[1] + 1 > w + a.pads[2] + a.pads[3]
  ) {
    throw new ShapeError(op, 'the (dilated) filter is larger than the padded input', {
      x: xShape,
      filter: wShape,
    });
  }
}

/** @internal conv2d by core's decomposition, for any layout. */
export function conv2dDecomposed(x: Tensor, w: Tensor, a: Conv2dAttrs): Tensor {
  const y = conv2dByIm2col(toNCHW(x, a.dataFormat), toOIHW(w, a.filterFormat), a, (p, f) =>
    matmul(p, f, { transposeB: true }),
  );
  return fromNCHW(y, a.dataFormat);
}

const spec: OpSpec<Conv2dAttrs> = {
  name: 'conv2d',
  infer: ([x, w], a) => [{ shape: conv2dOutputShape(x.shape, w.shape, a), dtype: x.dtype }],
  decompose: ([x, w], a) => [conv2dDecomposed(x, w, a)],
  vjp: ([dy], [x, w], _y, a) => [
    conv2dBackpropInput(dy, w, a, x.shape),
    conv2dBackpropFilter(x, dy, a, w.shape),
  ],
};

/** @internal Runs the conv2d op on resolved attributes (gradient rules use it). */
export function conv2dWithAttrs(x: Tensor, w: Tensor, a: Conv2dAttrs): Tensor {
  return tidy(() => apply(spec, [x, w], a)[0]);
}

/** @internal Resolves and checks conv options against the input and filter. */
export function resolveConvAttrs(op: string, x: Tensor, w: Tensor, options: Conv2dOptions): Conv2dAttrs {
  checkRank4(op, 'x', x);
  checkRank4(op, 'filter', w);
  const dataFormat = checkLayout(op, options.dataFormat);
  const filterFormat = options.filterFormat ?? (dataFormat === 'NCHW' ? 'OIHW' : 'HWIO');
  if (filterFormat !== 'OIHW' && filterFormat !== 'HWIO') {
    throw new AttributeError(op, 'filterFormat', `must be 'OIHW' or 'HWIO', got '${String(filterFormat)}'`);
  }
  const groups = options.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1)
    throw new AttributeError(op, 'groups', `must be a positive integer, got ${groups}`);
  const strides = pair(op, 'strides', options.strides, 1);
  const dilations = pair(op, 'dilations', options.dilations, 1);
  const [, , kh, kw] = filterDims(w, filterFormat);
  return {
    strides,
    dilations,
    groups,
    dataFormat,
    filterFormat,
    pads: resolvePads(op, options.padding, spatial(x, dataFormat), [kh, kw], strides, dilations),
  };
}

/** @internal Adds a per-channel bias [C] along the channel axis of a 4-D tensor. */
export function addChannelBias(op: string, y: Tensor, bias: TensorLike | undefined, layout: Layout): Tensor {
  if (bias === undefined) return y;
  const b = toTensor(op, 'bias', bias, y);
  const c = channels(y, layout);
  if (b.rank !== 1 || b.shape[0] !== c)
    throw new ShapeError(op, `bias must be [${c}]`, { bias: b.shape, output: y.shape });
  return add(y, layout === 'NCHW' ? reshape(b, [c, 1, 1]) : b);
}

/**
 * 2-D convolution (cross-correlation, as every ML library computes it) of a 4-D `x` with a 4-D `filter`, plus
 * an optional per-output-channel bias. Data is NCHW and the filter OIHW unless the options say otherwise. The
 * operands are promoted to a common dtype, which must be float. Throws DTypeError for integer or bool
 * operands, AttributeError for bad options, ShapeError when channels, groups and filter do not fit. Gradient:
 * conv2dBackpropInput for x, conv2dBackpropFilter for the filter.
 */
export function conv2d(x: TensorLike, filter: TensorLike, options: Conv2dOptions = {}): Tensor {
  return tidy(() => {
    const [tx, tw] = promotePair('conv2d', x, filter, ['x', 'filter']);
    if (tx.dtype !== 'float32' && tx.dtype !== 'float64')
      throw new DTypeError('conv2d', 'x', `must be float, got ${tx.dtype}`);
    const a = resolveConvAttrs('conv2d', tx, tw, options);
    checkConvChannels('conv2d', tx.shape, tw.shape, a);
    return addChannelBias('conv2d', conv2dWithAttrs(tx, tw, a), options.bias, a.dataFormat);
  });
}
