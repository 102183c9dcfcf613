// Mean over axes (int and bool inputs give float32; an empty reduction gives NaN). Decomposes into
// sum / count. Gradient: dy / count, broadcast back.

import type { OpSpec } from '../engine.js';
import { asFloat, type TensorLike } from '../op-helpers.js';
import { sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { div } from './div.js';
import { expandReduced, type ReduceAttrs, reduce, reduceSpec, sum } from './sum.js';

const count = (shape: readonly number[], axes: readonly number[]) => sizeOf(axes.map((a) => shape[a]));

const spec: OpSpec<ReduceAttrs> = {
  ...reduceSpec('mean', ([dy], [x], _y, { axes }) => [
    div(expandReduced(dy, x.shape, axes), count(x.shape, axes)),
  ]),
  decompose: ([x], { axes }) => [div(sum(x, axes), count(x.shape, axes))],
};

/** Mean over `axes` (all when omitted). */
export function reduceMean(x: TensorLike, axes?: number | readonly number[], keepDims = false): Tensor {
  return reduce(spec, x, axes, keepDims, asFloat, 'reduceMean');
}

/** Alias of reduceMean. */
export const mean = reduceMean;
