// Elementwise sine. Primitive. d/dx sin x = cos x.

import { elementwiseSpec, floatUnary, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { cos } from './cos.js';
import { mul } from './mul.js';

const spec = elementwiseSpec('sin', {
  vjp: ([dy], [x], [_y]) => [mul(dy, cos(x))],
});

/** Elementwise sine (int and bool become float32). Gradient: cos(x) dy. */
export function sin(x: TensorLike): Tensor {
  return floatUnary(spec, x, null);
}
