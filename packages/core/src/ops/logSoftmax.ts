// Log of softmax along any axis: (x - max) - log(sum(exp(x - max))), stable at any magnitude.
// Gradient: dy - exp(y) * sum(dy).

import type { OpSpec } from '../engine.js';
import type { TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { exp } from './exp.js';
import { log } from './log.js';
import { mul } from './mul.js';
import { type AxisAttrs, runAxisOp, shiftedByMax } from './softmax.js';
import { sub } from './sub.js';
import { sum } from './sum.js';

const spec: OpSpec<AxisAttrs> = {
  name: 'logSoftmax',
  infer: ([x]) => [{ shape: x.shape, dtype: x.dtype }],
  decompose([x], { axis }) {
    const shifted = shiftedByMax(x, axis);
    return [sub(shifted, log(sum(exp(shifted), axis, true)))];
  },
  vjp: ([dy], _x, [y], { axis }) => [sub(dy, mul(exp(y), sum(dy, axis, true)))],
};

/**
 * Log of softmax along `axis` (default -1): (x - max) - log(sum(exp(x - max))), stable at any magnitude. int
 * and bool become float32. Throws AttributeError for an out-of-range axis. Gradient: dy - exp(y) sum(dy).
 */
export function logSoftmax(x: TensorLike, axis = -1): Tensor {
  return runAxisOp(spec, x, axis);
}
