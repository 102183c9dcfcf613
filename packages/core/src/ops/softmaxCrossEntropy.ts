// Softmax cross-entropy from logits: labels are int32 class indices (shape of logits without the class
// axis) or probabilities / one-hot rows (shape of logits). Per-example loss -sum(labels * logSoftmax),
// reduced by 'mean' (default), 'sum' or 'none'. Composed from logSoftmax, so stable at any magnitude.

import { isFloat } from '../dtype.js';
import { tidy } from '../engine.js';
import { ShapeError } from '../errors.js';
import { asFloat, moveAxisLast, type TensorLike, toTensor } from '../op-helpers.js';
import { normalizeAxis, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { logSoftmax } from './logSoftmax.js';
import { type Reduction, reduceLoss } from './meanSquaredError.js';
import { mul } from './mul.js';
import { neg } from './neg.js';
import { oneHot } from './oneHot.js';
import { sum } from './sum.js';

/**
 * Softmax cross-entropy of `logits` whose class axis is `options.axis` (default -1). `labels` are int32 class
 * indices with the shape of logits without that axis (an index outside the classes contributes 0), or float
 * probabilities / one-hot rows with the shape of logits. The per-example loss -sum(labels logSoftmax(logits))
 * is reduced by `options.reduction` (default 'mean'). Throws ShapeError for labels of the wrong shape. Stable
 * at any magnitude; gradient through logSoftmax, also to float labels.
 */
export function softmaxCrossEntropy(
  logits: TensorLike,
  labels: TensorLike,
  options: { reduction?: Reduction; axis?: number } = {},
): Tensor {
  return tidy(() => {
    const op = 'softmaxCrossEntropy';
    const z = asFloat(toTensor(op, 'logits', logits));
    const axis = normalizeAxis(op, 'axis', options.axis ?? -1, z.rank);
    const zl = moveAxisLast(z, axis);
    const l = toTensor(op, 'labels', labels);
    const classes = z.shape[axis];
    let target: Tensor;
    if (isFloat(l.dtype)) {
      if (!shapesEqual(l.shape, z.shape))
        throw new ShapeError(op, 'float labels must have the shape of logits', {
          logits: z.shape,
          labels: l.shape,
        });
      target = moveAxisLast(l, axis);
    } else {
      const expected = z.shape.filter((_, i) => i !== axis);
      if (!shapesEqual(l.shape, expected)) {
        throw new ShapeError(op, 'integer labels must have the shape of logits without the class axis', {
          logits: z.shape,
          labels: l.shape,
        });
      }
      target = oneHot(l, classes, { dtype: z.dtype });
    }
    const losses = neg(sum(mul(target, logSoftmax(zl, -1)), -1));
    return reduceLoss(op, losses, options.reduction ?? 'mean');
  });
}
