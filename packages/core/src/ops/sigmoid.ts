// Elementwise logistic 1 / (1 + e^-x). Decomposes into exp and div (saturates cleanly at +-300).
// d/dx = sigmoid(x) sigmoid(-x): unlike y (1 - y) it keeps its relative precision where y rounds to 1.

import { elementwiseSpec, floatUnary, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { add } from './add.js';
import { div } from './div.js';
import { exp } from './exp.js';
import { mul } from './mul.js';
import { neg } from './neg.js';

const spec = elementwiseSpec('sigmoid', {
  decompose: ([x]) => [div(1, add(1, exp(neg(x))))],
  vjp: ([dy], [x], [y]) => [mul(dy, mul(y, sigmoid(neg(x))))],
});

/**
 * Elementwise logistic 1 / (1 + e^-x) (int and bool become float32), saturating cleanly at large |x|.
 * Gradient: sigmoid(x) sigmoid(-x) dy, which keeps its relative precision where the output rounds to 1.
 */
export function sigmoid(x: TensorLike): Tensor {
  return floatUnary(spec, x, null);
}
