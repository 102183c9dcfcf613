// Converts to another dtype. Primitive. Float-to-float casts pass the gradient back; int/bool ones stop it.

import { DTYPES, type DType, isFloat } from '../dtype.js';
import { apply, type OpSpec, tidy } from '../engine.js';
import { DTypeError } from '../errors.js';
import { toTensor } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { reshape } from './reshape.js';

const spec: OpSpec<{ readonly dtype: DType }> = {
  name: 'cast',
  infer: ([x], { dtype }) => [{ shape: x.shape, dtype }],
  vjp: ([dy], [x], [y]) => [isFloat(x.dtype) && isFloat(y.dtype) ? cast(dy, x.dtype) : null],
};

/** `x` as `dtype` (float to int truncates toward zero; anything to bool is `!= 0`). */
export function cast(x: Tensor, dtype: DType): Tensor {
  return tidy(() => {
    const t = toTensor('cast', 'x', x);
    if (!DTYPES.includes(dtype)) {
      throw new DTypeError('cast', 'dtype', `must be one of ${DTYPES.join(', ')}, got ${String(dtype)}`);
    }
    return t.dtype === dtype ? reshape(t, t.shape) : apply(spec, [t], { dtype })[0];
  });
}
