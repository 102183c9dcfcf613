// Elementwise error function. Primitive. d/dx erf x = 2/sqrt(pi) exp(-x^2).

import { elementwiseSpec, floatUnary, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { exp } from './exp.js';
import { mul } from './mul.js';
import { neg } from './neg.js';
import { square } from './square.js';

const spec = elementwiseSpec('erf', {
  vjp: ([dy], [x], [_y]) => [mul(dy, mul(exp(neg(square(x))), 2 / Math.sqrt(Math.PI)))],
});

/** Elementwise Gauss error function (int and bool become float32). Gradient: 2 / sqrt(pi) e^(-x^2) dy. */
export function erf(x: TensorLike): Tensor {
  return floatUnary(spec, x, null);
}
