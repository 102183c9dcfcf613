// Elementwise hyperbolic tangent. Primitive.
// d/dx = 1 - tanh^2 x, computed as 4 sigmoid(2x) sigmoid(-2x): the same value without the cancellation
// of 1 - y^2 where y rounds to +-1, so gradients in the tails (and second derivatives) stay accurate.

import { elementwiseSpec, floatUnary, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { mul } from './mul.js';
import { sigmoid } from './sigmoid.js';

const spec = elementwiseSpec('tanh', {
  vjp: ([dy], [x]) => {
    const twice = mul(x, 2);
    return [mul(dy, mul(mul(sigmoid(twice), sigmoid(mul(twice, -1))), 4))];
  },
});

/**
 * Elementwise hyperbolic tangent (int and bool become float32). Gradient: (1 - tanh^2 x) dy, computed as 4
 * sigmoid(2x) sigmoid(-2x) dy so it stays accurate in the tails.
 */
export function tanh(x: TensorLike): Tensor {
  return floatUnary(spec, x, null);
}
