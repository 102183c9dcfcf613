// Clamps x into [min, max] (either bound optional; tensors broadcast). NaN propagates; where min > max
// the result is max (NumPy, ONNX). Decomposes into where, so the gradient at a bound goes to x (PyTorch).

import { promoteTypes } from '../dtype.js';
import { apply, type OpSpec, tidy } from '../engine.js';
import { castIfNeeded, elementwiseSpec, promotePair, type TensorLike, toTensor } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { greater } from './greater.js';
import { less } from './less.js';
import { where } from './where.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

const spec: OpSpec<null> = elementwiseSpec('clip', {
  decompose: ([x, lo, hi]) => {
    const low = where(less(x, lo), lo, x);
    return [where(greater(low, hi), hi, low)];
  },
});

/**
 * Clamps `x` elementwise into [min, max]; tensor bounds broadcast, and an omitted bound leaves that side
 * open (an int32 x stays int32). The dtype is promoted over x and the bounds; NaN in x propagates, and where
 * min > max the result is max (NumPy, ONNX). Gradient: dy to x inside the bounds and at them, else to the
 * bound that was taken.
 */
export function clip(x: TensorLike, min?: TensorLike, max?: TensorLike): Tensor {
  return tidy(() => {
    const t = toTensor('clip', 'x', x);
    // An omitted bound is no bound: the dtype's extreme (int32 stays int32), or -Infinity / +Infinity.
    const int = t.dtype === 'int32';
    const lo = promotePair('clip', t, min ?? (int ? INT32_MIN : Number.NEGATIVE_INFINITY), ['x', 'min'])[1];
    const hi = promotePair('clip', t, max ?? (int ? INT32_MAX : Number.POSITIVE_INFINITY), ['x', 'max'])[1];
    const dt = promoteTypes(promoteTypes(t.dtype, lo.dtype), hi.dtype);
    return apply(spec, [castIfNeeded(t, dt), castIfNeeded(lo, dt), castIfNeeded(hi, dt)], null)[0];
  });
}
