// Elementwise natural log. Primitive. d/dx log x = 1/x.

import { elementwiseSpec, floatUnary, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { div } from './div.js';

const spec = elementwiseSpec('log', {
  vjp: ([dy], [x], [_y]) => [div(dy, x)],
});

/**
 * Elementwise natural logarithm (int and bool become float32): -Infinity at 0, NaN below 0. Gradient: dy / x.
 */
export function log(x: TensorLike): Tensor {
  return floatUnary(spec, x, null);
}
