// Index (int32) of the first maximum along an axis; NaN counts as the maximum. Primitive; no gradient.

import { apply, type OpSpec, tidy } from '../engine.js';
import { AttributeError } from '../errors.js';
import { castIfNeeded, type TensorLike, toTensor } from '../op-helpers.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';

/** @internal Attributes of argMax and argMin: the non-negative axis. */
export interface ArgAttrs {
  readonly axis: number;
}

/** @internal Spec of an arg-reduction (argMax, argMin): int32 output without `axis`, not differentiable. */
export function argSpec(name: string, decompose?: OpSpec<ArgAttrs>['decompose']): OpSpec<ArgAttrs> {
  return {
    name,
    nondifferentiable: true,
    infer([x], { axis }) {
      if (x.shape[axis] === 0)
        throw new AttributeError(name, 'x', `has an empty axis ${axis}; ${name} needs one element`);
      return [{ shape: x.shape.filter((_, i) => i !== axis), dtype: 'int32' }];
    },
    decompose,
  };
}

/** @internal Runs an arg-reduction: bool becomes int32 and `axis` is normalised. */
export function runArg(spec: OpSpec<ArgAttrs>, x: TensorLike, axis: number): Tensor {
  return tidy(() => {
    let t = toTensor(spec.name, 'x', x);
    if (t.dtype === 'bool') t = castIfNeeded(t, 'int32');
    return apply(spec, [t], { axis: normalizeAxis(spec.name, 'axis', axis, t.rank) })[0];
  });
}

const spec = argSpec('argMax');

/**
 * Index (int32) of the first maximum of `x` along `axis` (default -1, the last), which the result drops; NaN
 * counts as the maximum and bool as int32. Throws AttributeError for an out-of-range or empty axis. Not
 * differentiable.
 */
export function argMax(x: TensorLike, axis = -1): Tensor {
  return runArg(spec, x, axis);
}
