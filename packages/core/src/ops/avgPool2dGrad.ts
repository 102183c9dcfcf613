// Gradient of avgPool2d: dy spread evenly over each window (the adjoint of average pooling).
// Decomposes into the VJP of avgPool2d's decomposition. Gradient: avgPool2d.

import type { AvgPool2dAttrs } from '../backend.js';
import { zeros } from '../creation.js';
import { apply, type OpSpec, tidy, traceVjp } from '../engine.js';
import type { Tensor } from '../tensor.js';
import { avgPool2dWithAttrs, avgPoolDecomposed } from './avgPool2d.js';

type Attrs = AvgPool2dAttrs & { readonly inputShape: readonly number[] };

const spec: OpSpec<Attrs> = {
  name: 'avgPool2dGrad',
  infer: ([dy], a) => [{ shape: a.inputShape, dtype: dy.dtype }],
  decompose: ([dy], a) => [
    traceVjp(([x]) => [avgPoolDecomposed(x, a)], [zeros(a.inputShape, dy.dtype)], [dy])[0]!,
  ],
  vjp: ([g], _dy, _y, a) => [avgPool2dWithAttrs(g, a)],
};

/**
 * The gradient of avgPool2d with resolved `attrs`: each element of `dy` spread evenly over its window
 * (divided by that window's divisor), summed where windows overlap, into a tensor of `inputShape`. Its own
 * gradient is avgPool2d.
 */
export function avgPool2dGrad(dy: Tensor, attrs: AvgPool2dAttrs, inputShape: readonly number[]): Tensor {
  const { kernelSize, strides, pads, dilations, ceilMode, dataFormat, countIncludePad } = attrs;
  return tidy(
    () =>
      apply(spec, [dy], {
        kernelSize,
        strides,
        pads,
        dilations,
        ceilMode,
        dataFormat,
        countIncludePad,
        inputShape,
      })[0],
  );
}
