// 2-D average pooling: kernel, strides, padding, ceilMode, countIncludePad (PyTorch's divisor rule:
// explicit padding counts when asked, ceil-mode overflow never does), NCHW/NHWC. Decomposes into
// window sums over a divisor table. Gradient: avgPool2dGrad.

import type { AvgPool2dAttrs } from '../backend.js';
import { fromNCHW, spatial } from '../conv-geometry.js';
import { tensor } from '../creation.js';
import { apply, type OpSpec, tidy } from '../engine.js';
import { asFloat, type TensorLike, toTensor } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { avgPool2dGrad } from './avgPool2dGrad.js';
import { div } from './div.js';
import { type Pool2dOptions, poolOutput, poolWindows, resolvePoolAttrs } from './maxPool2d.js';
import { sum } from './sum.js';

/** Options of avgPool2d: the pooling options plus the divisor rule. */
export interface AvgPool2dOptions extends Pool2dOptions {
  /**
   * Count explicit padding in each window's divisor (default false); positions added by ceilMode never count
   * (PyTorch's rule).
   */
  countIncludePad?: boolean;
}

/** @internal How many elements each output averages, [OH, OW]. */
export function avgPoolDivisors(xShape: readonly number[], a: AvgPool2dAttrs): Float64Array {
  const [h, w] = spatial({ shape: xShape }, a.dataFormat);
  const [oh, ow] = poolOutput(xShape, a).hw;
  const out = new Float64Array(oh * ow);
  const span = (o: number, s: number, k: number, before: number, after: number, size: number) => {
    const start = o * s - before;
    const end = Math.min(start + k, size + after);
    const padded = end - start;
    const inside = Math.min(end, size) - Math.max(start, 0);
    return a.countIncludePad ? padded : inside;
  };
  for (let i = 0; i < oh; i++) {
    const rows = span(i, a.strides[0], a.kernelSize[0], a.pads[0], a.pads[1], h);
    for (let j = 0; j < ow; j++)
      out[i * ow + j] = rows * span(j, a.strides[1], a.kernelSize[1], a.pads[2], a.pads[3], w);
  }
  return out;
}

/** @internal avgPool2d by core's decomposition: window sums divided by a divisor table. */
export function avgPoolDecomposed(x: Tensor, a: AvgPool2dAttrs): Tensor {
  const [oh, ow] = poolOutput(x.shape, a).hw;
  const divisors = tensor(avgPoolDivisors(x.shape, a), [oh, ow], x.dtype);
  return fromNCHW(div(sum(poolWindows(x, a, 0), -1), divisors), a.dataFormat);
}

const spec: OpSpec<AvgPool2dAttrs> = {
  name: 'avgPool2d',
  infer: ([x], a) => [{ shape: poolOutput(x.shape, a).shape, dtype: x.dtype }],
  decompose: ([x], a) => [avgPoolDecomposed(x, a)],
  vjp: ([dy], [x], _y, a) => [avgPool2dGrad(dy, a, x.shape)],
};

/** @internal Runs the avgPool2d op on resolved attributes (gradient rules use it). */
export function avgPool2dWithAttrs(x: Tensor, a: AvgPool2dAttrs): Tensor {
  return tidy(() => apply(spec, [x], a)[0]);
}

/**
 * 2-D average pooling of a 4-D `x` (NCHW unless `dataFormat` says NHWC): each output is its window's sum
 * divided by the number of input elements the window covers (explicit padding included with
 * `countIncludePad`). int and bool become float32. Throws AttributeError or ShapeError for a bad rank, layout
 * or padding, or a window larger than the padded input. Gradient: avgPool2dGrad.
 */
export function avgPool2d(x: TensorLike, options: AvgPool2dOptions): Tensor {
  return tidy(() => {
    const t = asFloat(toTensor('avgPool2d', 'x', x));
    const a = {
      ...resolvePoolAttrs('avgPool2d', t, { ...options, dilations: 1 }),
      countIncludePad: !!options.countIncludePad,
    };
    return avgPool2dWithAttrs(t, a);
  });
}
