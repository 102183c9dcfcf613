// Sum over axes. Primitive. Gradient: the cotangent broadcast back over the reduced axes.

import { apply, type OpSpec, tidy } from '../engine.js';
import { type TensorLike, toTensor } from '../op-helpers.js';
import { normalizeAxes, reducedShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { broadcastTo } from './broadcastTo.js';
import { cast } from './cast.js';
import { reshape } from './reshape.js';

/** @internal Attributes of a reduction kernel: sorted, unique, non-negative axes. */
export interface ReduceAttrs {
  readonly axes: readonly number[];
}

/** @internal Spec of a reduction op named `name` that drops its `axes`, with the gradient rule `vjp`. */
export function reduceSpec(name: string, vjp?: OpSpec<ReduceAttrs>['vjp']): OpSpec<ReduceAttrs> {
  return {
    name,
    infer: ([x], { axes }) => [{ shape: reducedShape(x.shape, axes, false), dtype: x.dtype }],
    vjp,
  };
}

/** @internal The cotangent of a reduction, broadcast back to the input's shape. */
export function expandReduced(dy: Tensor, shape: readonly number[], axes: readonly number[]): Tensor {
  return broadcastTo(reshape(dy, reducedShape(shape, axes, true)), shape);
}

const spec = reduceSpec('sum', ([dy], [x], _y, { axes }) => [expandReduced(dy, x.shape, axes)]);

/** @internal Runs a reduction: normalises axes (undefined: all), applies, and restores kept dims. */
export function reduce(
  s: OpSpec<ReduceAttrs>,
  x: TensorLike,
  axes: number | readonly number[] | undefined,
  keepDims: boolean,
  prepare: (t: Tensor) => Tensor = (t) => t,
  opName = s.name,
): Tensor {
  return tidy(() => {
    const t = prepare(toTensor(opName, 'x', x));
    const ax = normalizeAxes(opName, 'axes', axes, t.rank);
    const y = apply(s, [t], { axes: ax })[0];
    return keepDims ? reshape(y, reducedShape(t.shape, ax, true)) : y;
  });
}

/** Sum over `axes` (all when omitted); bool sums count as int32. */
export function sum(x: TensorLike, axes?: number | readonly number[], keepDims = false): Tensor {
  return reduce(spec, x, axes, keepDims, (t) => (t.dtype === 'bool' ? cast(t, 'int32') : t));
}
