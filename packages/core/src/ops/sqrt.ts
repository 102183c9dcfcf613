// Elementwise square root. Primitive. d/dx sqrt x = 1 / (2 sqrt x).

import { elementwiseSpec, floatUnary, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { div } from './div.js';
import { mul } from './mul.js';

const spec = elementwiseSpec('sqrt', {
  vjp: ([dy], [_x], [y]) => [div(dy, mul(y, 2))],
});

/** Elementwise square root (int and bool become float32); NaN below 0. Gradient: dy / (2 sqrt(x)). */
export function sqrt(x: TensorLike): Tensor {
  return floatUnary(spec, x, null);
}
