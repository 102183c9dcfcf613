// The adjoint of conv2d with respect to its filter: x and dy in, a filter-shaped dw out.
// Decomposes into the VJP of conv2d's decomposition. Gradient: conv2dBackpropInput for x, conv2d for dy.

import type { Conv2dAttrs } from '../backend.js';
import { zeros } from '../creation.js';
import { apply, type OpSpec, tidy, traceVjp } from '../engine.js';
import type { Tensor } from '../tensor.js';
import { conv2dDecomposed, conv2dWithAttrs } from './conv2d.js';
import { conv2dBackpropInput, stripConv } from './conv2dBackpropInput.js';

type Attrs = Conv2dAttrs & { readonly filterShape: readonly number[] };

const spec: OpSpec<Attrs> = {
  name: 'conv2dBackpropFilter',
  infer: ([x], a) => [{ shape: a.filterShape, dtype: x.dtype }],
  decompose: ([x, dy], a) => [
    traceVjp(([w]) => [conv2dDecomposed(x, w, a)], [zeros(a.filterShape, x.dtype)], [dy])[0]!,
  ],
  vjp: ([g], [x, dy], _y, a) => [conv2dBackpropInput(dy, g, a, x.shape), conv2dWithAttrs(x, g, a)],
};

/** dw of conv2d(x, w) for the cotangent dy, where w has `filterShape`. */
export function conv2dBackpropFilter(
  x: Tensor,
  dy: Tensor,
  attrs: Conv2dAttrs,
  filterShape: readonly number[],
): Tensor {
  return tidy(() => apply(spec, [x, dy], { ...stripConv(attrs), filterShape })[0]);
}
