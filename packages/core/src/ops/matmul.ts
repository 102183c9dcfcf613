// Matrix product over the last two axes, batch axes broadcast (NumPy matmul), optional transposes of
// either operand; 1-D operands act as a row (a) or column (b) vector, removed from the result.
// Decomposes into broadcast multiply and sum. Gradient: dA = dC B^T, dB = A^T dC (with transposes
// folded into the flags), summed over broadcast batch axes.

import { isFloat } from '../dtype.js';
import { apply, type OpSpec, tidy } from '../engine.js';
import { DTypeError, ShapeError } from '../errors.js';
import { promotePair, type TensorLike, unbroadcast } from '../op-helpers.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { expandDims } from './expandDims.js';
import { mul } from './mul.js';
import { reshape } from './reshape.js';
import { sum } from './sum.js';
import { transpose } from './transpose.js';

/** Options of matmul. */
export interface MatmulOptions {
  /** Multiply by the transpose of a's last two axes (ignored for a 1-D a). */
  transposeA?: boolean;
  /** Multiply by the transpose of b's last two axes (ignored for a 1-D b). */
  transposeB?: boolean;
}
type MatmulAttrs = { readonly transposeA: boolean; readonly transposeB: boolean };

function swapLast(x: Tensor): Tensor {
  const perm = x.shape.map((_, i) => i);
  perm[x.rank - 2] = x.rank - 1;
  perm[x.rank - 1] = x.rank - 2;
  return transpose(x, perm);
}

const spec: OpSpec<MatmulAttrs> = {
  name: 'matmul',
  infer([a, b], { transposeA, transposeB }) {
    const [m, k] = transposeA
      ? [a.shape[a.rank - 1], a.shape[a.rank - 2]]
      : [a.shape[a.rank - 2], a.shape[a.rank - 1]];
    const [k2, n] = transposeB
      ? [b.shape[b.rank - 1], b.shape[b.rank - 2]]
      : [b.shape[b.rank - 2], b.shape[b.rank - 1]];
    if (k !== k2) {
      throw new ShapeError(
        'matmul',
        `inner dimensions differ (${k} vs ${k2}; transposeA=${transposeA}, transposeB=${transposeB})`,
        {
          a: a.shape,
          b: b.shape,
        },
      );
    }
    const batch = broadcastShapes('matmul', {
      'a batch': a.shape.slice(0, -2),
      'b batch': b.shape.slice(0, -2),
    });
    return [{ shape: [...batch, m, n], dtype: a.dtype }];
  },
  decompose([a, b], { transposeA, transposeB }) {
    const ta = transposeA ? swapLast(a) : a;
    const tb = transposeB ? swapLast(b) : b;
    return [sum(mul(expandDims(ta, -1), expandDims(tb, -3)), -2)];
  },
  vjp([dc], [a, b], _y, { transposeA: tA, transposeB: tB }) {
    const mm = (x: Tensor, y: Tensor, transposeA: boolean, transposeB: boolean) =>
      matmulRaw(x, y, { transposeA, transposeB });
    const da = tA ? mm(b, dc, tB, true) : mm(dc, b, false, !tB);
    const db = tB ? mm(dc, a, true, tA) : mm(a, dc, !tA, false);
    return [unbroadcast(da, a.shape), unbroadcast(db, b.shape)];
  },
};

function matmulRaw(a: Tensor, b: Tensor, attrs: MatmulAttrs): Tensor {
  return apply(spec, [a, b], attrs)[0];
}

/**
 * Matrix product over the last two axes with batch axes broadcast (NumPy matmul). A 1-D a acts as a row
 * vector and a 1-D b as a column vector; that axis is removed from the result. The operands are promoted to a
 * common dtype; int32 products are computed in float32 (exact while partial sums stay below 2^24) and
 * returned as int32. Throws DTypeError for bool, ShapeError for scalars, mismatched inner dimensions or batch
 * axes that do not broadcast. Gradient: dA = dC B^T, dB = A^T dC, summed over broadcast batch axes.
 */
export function matmul(a: TensorLike, b: TensorLike, options: MatmulOptions = {}): Tensor {
  return tidy(() => {
    let [ta, tb] = promotePair('matmul', a, b);
    if (ta.dtype === 'bool') throw new DTypeError('matmul', 'a', 'must be numeric, got bool');
    if (ta.rank === 0 || tb.rank === 0) {
      throw new ShapeError('matmul', 'operands must have rank >= 1', { a: ta.shape, b: tb.shape });
    }
    const vecA = ta.rank === 1;
    const vecB = tb.rank === 1;
    if (vecA) ta = reshape(ta, [1, ta.shape[0]]);
    if (vecB) tb = reshape(tb, [tb.shape[0], 1]);
    const attrs = { transposeA: !vecA && !!options.transposeA, transposeB: !vecB && !!options.transposeB };
    if (!isFloat(ta.dtype)) {
      // Integer matmul runs in float32 (exact while partial sums stay below 2^24); kernels stay float-only.
      return cast(matmul(cast(ta, 'float32'), cast(tb, 'float32'), attrs), 'int32');
    }
    let c = matmulRaw(ta, tb, attrs);
    if (vecA || vecB) {
      const shape = [...c.shape];
      if (vecB) shape.splice(shape.length - 1, 1);
      if (vecA) shape.splice(shape.length - (vecB ? 1 : 2), 1);
      c = reshape(c, shape);
    }
    return c;
  });
}
