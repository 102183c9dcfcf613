// Mean squared error between predictions and targets (broadcast), reduced by 'mean', 'sum' or 'none'.
// Composed from sub, square and a reduction.

import { tidy } from '../engine.js';
import { AttributeError } from '../errors.js';
import { type TensorLike, toTensor } from '../op-helpers.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { reduceMean } from './reduceMean.js';
import { square } from './square.js';
import { sub } from './sub.js';
import { sum } from './sum.js';

/**
 * How a loss reduces its per-element or per-example values: their 'mean', their 'sum', or 'none' (unreduced).
 */
export type Reduction = 'mean' | 'sum' | 'none';

/** @internal Reduces `losses` by `reduction`; throws AttributeError (naming `op`) for an unknown one. */
export function reduceLoss(op: string, losses: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'mean') return reduceMean(losses);
  if (reduction === 'sum') return sum(losses);
  if (reduction === 'none') return losses;
  throw new AttributeError(op, 'reduction', `must be 'mean', 'sum' or 'none', got '${String(reduction)}'`);
}

/**
 * Squared error (predictions - targets)^2, the two broadcast together, reduced by `reduction` (default
 * 'mean'). Throws ShapeError when the shapes do not broadcast, AttributeError for an unknown reduction.
 * Gradient from its parts: 2 (predictions - targets) dy, scaled by the reduction.
 */
export function meanSquaredError(
  predictions: TensorLike,
  targets: TensorLike,
  reduction: Reduction = 'mean',
): Tensor {
  return tidy(() => {
    const op = 'meanSquaredError';
    const p = toTensor(op, 'predictions', predictions);
    const t = toTensor(op, 'targets', targets, p);
    broadcastShapes(op, { predictions: p.shape, targets: t.shape });
    return reduceLoss(op, square(sub(p, t)), reduction);
  });
}
