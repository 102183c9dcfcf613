// Transposed convolution (PyTorch's ConvTranspose2d): the adjoint of conv2d with respect to its input,
// as a public op. The filter is the forward conv's: OIHW = [C_in, C_out / groups, KH, KW] here
// (HWIO with NHWC). Output size: (H - 1) s - (pad_t + pad_b) + d (k - 1) + outputPadding + 1.

import type { Layout } from '../backend.js';
import {
  channels,
  checkLayout,
  checkRank4,
  filterDims,
  type Padding,
  pair,
  resolvePads,
  spatial,
} from '../conv-geometry.js';
import { tidy } from '../engine.js';
import { AttributeError, DTypeError, ShapeError } from '../errors.js';
import { promotePair, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { addChannelBias, type Conv2dOptions } from './conv2d.js';
import { conv2dBackpropInput } from './conv2dBackpropInput.js';

/** Options of conv2dTranspose: conv2d's, with explicit padding only and an output padding. */
export interface Conv2dTransposeOptions extends Omit<Conv2dOptions, 'padding'> {
  /** Explicit padding only ('valid' = 0), as PyTorch. */
  padding?: Exclude<Padding, 'same'>;
  /**
   * Size added at the end of each output spatial axis, choosing among the input sizes a strided conv2d maps
   * to the same output; smaller than the stride or the dilation (default 0).
   */
  outputPadding?: number | readonly [number, number];
}

/**
 * Transposed convolution (PyTorch's ConvTranspose2d): the adjoint of conv2d with respect to its input. The
 * filter has the forward conv's layout, OIHW = [C_in, C_out / groups, kh, kw] (HWIO with NHWC data); each
 * output spatial size is (H - 1) stride - (padBefore + padAfter) + dilation (k - 1) + outputPadding + 1.
 * Throws DTypeError for integer or bool operands, AttributeError for 'same' padding or bad options,
 * ShapeError when channels do not fit or the output would be empty. Gradient: conv2d for x,
 * conv2dBackpropFilter for the filter.
 */
export function conv2dTranspose(
  x: TensorLike,
  filter: TensorLike,
  options: Conv2dTransposeOptions = {},
): Tensor {
  return tidy(() => {
    const op = 'conv2dTranspose';
    const [tx, tw] = promotePair(op, x, filter, ['x', 'filter']);
    if (tx.dtype !== 'float32' && tx.dtype !== 'float64')
      throw new DTypeError(op, 'x', `must be float, got ${tx.dtype}`);
    checkRank4(op, 'x', tx);
    checkRank4(op, 'filter', tw);
    const dataFormat: Layout = checkLayout(op, options.dataFormat);
    const filterFormat = options.filterFormat ?? (dataFormat === 'NCHW' ? 'OIHW' : 'HWIO');
    const groups = options.groups ?? 1;
    if (!Number.isInteger(groups) || groups < 1)
      throw new AttributeError(op, 'groups', `must be a positive integer, got ${groups}`);
    const strides = pair(op, 'strides', options.strides, 1);
    const dilations = pair(op, 'dilations', options.dilations, 1);
    const outPad = pair(op, 'outputPadding', options.outputPadding, 0, 0);
    if (outPad[0] >= Math.max(strides[0], dilations[0]) || outPad[1] >= Math.max(strides[1], dilations[1])) {
      throw new AttributeError(
        op,
        'outputPadding',
        `[${outPad.join(', ')}] must be smaller than stride or dilation`,
      );
    }
    if ((options.padding as unknown) === 'same')
      throw new AttributeError(op, 'padding', "'same' is not supported; give explicit pads");
    const [cin, coutG, kh, kw] = filterDims(tw, filterFormat);
    const pads = resolvePads(op, options.padding, [1, 1], [kh, kw], strides, dilations);
    if (channels(tx, dataFormat) !== cin || cin % groups !== 0) {
      throw new ShapeError(
        op,
        `x has ${channels(tx, dataFormat)} channels but the filter expects ${cin} (groups=${groups})`,
        {
          x: tx.shape,
          filter: tw.shape,
        },
      );
    }
    const [h, w] = spatial(tx, dataFormat);
    const oh = (h - 1) * strides[0] - pads[0] - pads[1] + dilations[0] * (kh - 1) + outPad[0] + 1;
    const ow = (w - 1) * strides[1] - pads[2] - pads[3] + dilations[1] * (kw - 1) + outPad[1] + 1;
    if (oh <= 0 || ow <= 0)
      throw new ShapeError(op, `the output would be ${oh} x ${ow}`, { x: tx.shape, filter: tw.shape });
    const cout = coutG * groups;
    const n = tx.shape[0];
    const outShape = dataFormat === 'NCHW' ? [n, cout, oh, ow] : [n, oh, ow, cout];
    const attrs = { strides, dilations, groups, dataFormat, filterFormat, pads };
    const y = conv2dBackpropInput(tx, tw, attrs, outShape);
    return addChannelBias(op, y, options.bias, dataFormat);
  });
}
