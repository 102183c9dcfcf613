// Product over axes. Primitive. d/dx_i = dy * prod_{j != i} x_j, computed without dividing (zeros
// are fine): the reduced elements are laid out n x n with the diagonal replaced by 1.

import { eye } from '../creation.js';
import { apply, type OpSpec, tidy } from '../engine.js';
import { sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { broadcastTo } from './broadcastTo.js';
import { cast } from './cast.js';
import { mul } from './mul.js';
import { reshape } from './reshape.js';
import { type ReduceAttrs, reduce, reduceSpec } from './sum.js';
import { transpose } from './transpose.js';
import { where } from './where.js';

function productsOfOthers(x: Tensor, axes: readonly number[]): Tensor {
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...kept, ...axes];
  const keptShape = kept.map((i) => x.shape[i]);
  const n = sizeOf(axes.map((i) => x.shape[i]));
  const rows = reshape(transpose(x, perm), [...keptShape, 1, n]);
  const grid = broadcastTo(rows, [...keptShape, n, n]);
  const others = where(cast(eye(n, n, 0, 'bool'), 'bool'), 1, grid);
  const excl = prodImpl(others, [keptShape.length + 1]);
  const inv = perm.map((_, i) => perm.indexOf(i));
  return transpose(
    reshape(
      excl,
      perm.map((i) => x.shape[i]),
    ),
    inv,
  );
}

const spec: OpSpec<ReduceAttrs> = reduceSpec('prod', ([dy], [x], _y, { axes }) => {
  const dyFull = broadcastTo(
    reshape(
      dy,
      x.shape.map((d, i) => (axes.includes(i) ? 1 : d)),
    ),
    x.shape,
  );
  return [mul(dyFull, productsOfOthers(x, axes))];
});

function prodImpl(x: Tensor, axes: readonly number[]): Tensor {
  return tidy(() => apply(spec, [x], { axes })[0]);
}

/** Product over `axes` (all when omitted); bool counts as int32. */
export function prod(x: Tensor | number, axes?: number | readonly number[], keepDims = false): Tensor {
  return reduce(spec, x, axes, keepDims, (t) => (t.dtype === 'bool' ? cast(t, 'int32') : t));
}
