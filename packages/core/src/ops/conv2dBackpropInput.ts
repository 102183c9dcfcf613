// The adjoint of conv2d with respect to its input: dy and the filter in, an input-shaped dx out.
// Decomposes into the VJP of conv2d's decomposition. Gradient: conv2d for dy, conv2dBackpropFilter for
// the filter.

import type { Conv2dAttrs } from '../backend.js';
import { zeros } from '../creation.js';
import { apply, type OpSpec, tidy, traceVjp } from '../engine.js';
import { shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { conv2dDecomposed, conv2dOutputShape, conv2dWithAttrs } from './conv2d.js';
import { conv2dBackpropFilter } from './conv2dBackpropFilter.js';
import { pad } from './pad.js';
import { slice } from './slice.js';

type Attrs = Conv2dAttrs & { readonly inputShape: readonly number[] };

const spec: OpSpec<Attrs> = {
  name: 'conv2dBackpropInput',
  infer: ([dy], a) => [{ shape: a.inputShape, dtype: dy.dtype }],
  decompose: ([dy, w], a) => {
    const dyFull = padToConvOutput(dy, conv2dOutputShape(a.inputShape, w.shape, a));
    return [traceVjp(([x]) => [conv2dDecomposed(x, w, a)], [zeros(a.inputShape, dy.dtype)], [dyFull])[0]!];
  },
  vjp([g], [dy, w], _y, a) {
    // With outputPadding >= stride, g (input-shaped) reaches past what dy covers: those conv outputs
    // get no cotangent, so crop them from d(dy) and pad dy with zeros for the filter gradient.
    const full = conv2dOutputShape(g.shape, w.shape, a);
    const dDy = shapesEqual(full, dy.shape)
      ? conv2dWithAttrs(g, w, a)
      : slice(conv2dWithAttrs(g, w, a), [0, 0, 0, 0], dy.shape);
    const dyFull = padToConvOutput(dy, full);
    return [dDy, conv2dBackpropFilter(g, dyFull, a, w.shape)];
  },
};

/** dy padded with zeros at the end up to the conv output `full` (equal unless outputPadding >= stride). */
function padToConvOutput(dy: Tensor, full: readonly number[]): Tensor {
  return shapesEqual(full, dy.shape)
    ? dy
    : pad(
        dy,
        dy.shape.map((d, i) => [0, full[i] - d] as [number, number]),
      );
}

/** dx of conv2d(x, filter) for the cotangent dy, where x has `inputShape`. */
export function conv2dBackpropInput(
  dy: Tensor,
  filter: Tensor,
  attrs: Conv2dAttrs,
  inputShape: readonly number[],
): Tensor {
  return tidy(() => apply(spec, [dy, filter], { ...stripConv(attrs), inputShape })[0]);
}

/** @internal Only the Conv2dAttrs fields (kernels get exactly the contract's attributes plus the shape). */
export function stripConv(a: Conv2dAttrs): Conv2dAttrs {
  return {
    strides: a.strides,
    pads: a.pads,
    dilations: a.dilations,
    groups: a.groups,
    dataFormat: a.dataFormat,
    filterFormat: a.filterFormat,
  };
}
