// Elementwise hyperbolic tangent. Primitive. d/dx tanh x = 1 - tanh^2 x.

import { elementwiseSpec, floatUnary, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { mul } from './mul.js';
import { square } from './square.js';
import { sub } from './sub.js';

const spec = elementwiseSpec('tanh', {
  vjp: ([dy], [_x], [y]) => [mul(dy, sub(1, square(y)))],
});

export function tanh(x: TensorLike): Tensor {
  return floatUnary(spec, x, null);
}
