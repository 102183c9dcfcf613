// Elementwise cosine. Primitive. d/dx cos x = -sin x (the seed spec's +sin x is a typo).

import { elementwiseSpec, floatUnary, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { mul } from './mul.js';
import { neg } from './neg.js';
import { sin } from './sin.js';

const spec = elementwiseSpec('cos', {
  vjp: ([dy], [x], [_y]) => [neg(mul(dy, sin(x)))],
});

/** Elementwise cosine (int and bool become float32). Gradient: -sin(x) dy. */
export function cos(x: TensorLike): Tensor {
  return floatUnary(spec, x, null);
}
