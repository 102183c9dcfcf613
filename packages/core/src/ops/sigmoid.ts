// Elementwise logistic 1 / (1 + e^-x). Decomposes into exp and div (saturates cleanly at +-300).
// d/dx = y (1 - y).

import { elementwiseSpec, floatUnary, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { add } from './add.js';
import { div } from './div.js';
import { exp } from './exp.js';
import { mul } from './mul.js';
import { neg } from './neg.js';
import { sub } from './sub.js';

const spec = elementwiseSpec('sigmoid', {
  decompose: ([x]) => [div(1, add(1, exp(neg(x))))],
  vjp: ([dy], [_x], [y]) => [mul(dy, mul(y, sub(1, y)))],
});

export function sigmoid(x: TensorLike): Tensor {
  return floatUnary(spec, x, null);
}
