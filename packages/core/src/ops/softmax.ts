// Softmax along any axis: exp(x - max) / sum(exp(x - max)), stable at any magnitude.
// Gradient: y * (dy - sum(dy * y)).

import { apply, type OpSpec, tidy } from '../engine.js';
import { asFloat, type TensorLike, toTensor } from '../op-helpers.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { div } from './div.js';
import { exp } from './exp.js';
import { max } from './max.js';
import { mul } from './mul.js';
import { stopGradient } from './stopGradient.js';
import { sub } from './sub.js';
import { sum } from './sum.js';

/** @internal Attributes of softmax and logSoftmax: the non-negative axis. */
export type AxisAttrs = { readonly axis: number };

/** @internal x minus its (gradient-free) max along `axis`: the shift that keeps exp from overflowing. */
export function shiftedByMax(x: Tensor, axis: number): Tensor {
  return sub(x, stopGradient(max(x, axis, true)));
}

const spec: OpSpec<AxisAttrs> = {
  name: 'softmax',
  infer: ([x]) => [{ shape: x.shape, dtype: x.dtype }],
  decompose([x], { axis }) {
    const e = exp(shiftedByMax(x, axis));
    return [div(e, sum(e, axis, true))];
  },
  vjp: ([dy], _x, [y], { axis }) => [mul(y, sub(dy, sum(mul(dy, y), axis, true)))],
};

/** @internal Runs softmax or logSoftmax: int and bool become float32 and `axis` is normalised. */
export function runAxisOp(s: OpSpec<AxisAttrs>, x: TensorLike, axis: number): Tensor {
  return tidy(() => {
    const t = asFloat(toTensor(s.name, 'x', x));
    return apply(s, [t], { axis: normalizeAxis(s.name, 'axis', axis, t.rank) })[0];
  });
}

/**
 * Softmax along `axis` (default -1): exp(x - max) / sum(exp(x - max)), stable at any magnitude. int and bool
 * become float32. Throws AttributeError for an out-of-range axis. Gradient: y (dy - sum(dy y)).
 */
export function softmax(x: TensorLike, axis = -1): Tensor {
  return runAxisOp(spec, x, axis);
}
