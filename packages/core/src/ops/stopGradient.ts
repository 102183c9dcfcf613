// Identity in the forward pass; no gradient flows through it (a view, no copy).

import { apply, type OpSpec, tidy } from '../engine.js';
import { type TensorLike, toTensor } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';

const spec: OpSpec<null> = {
  name: 'stopGradient',
  view: true,
  nondifferentiable: true,
  infer: ([x]) => [{ shape: x.shape, dtype: x.dtype }],
};

/** `x` unchanged (a view: no copy), but no gradient flows back through it. */
export function stopGradient(x: TensorLike): Tensor {
  return tidy(() => apply(spec, [toTensor('stopGradient', 'x', x)], null)[0]);
}
