// Elementwise e^x. Primitive. d/dx e^x = e^x (the output).

import { elementwiseSpec, floatUnary, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { mul } from './mul.js';

const spec = elementwiseSpec('exp', {
  vjp: ([dy], [_x], [y]) => [mul(dy, y)],
});

/** Elementwise e^x (int and bool become float32). Gradient: e^x dy. */
export function exp(x: TensorLike): Tensor {
  return floatUnary(spec, x, null);
}
