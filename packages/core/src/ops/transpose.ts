// Permutes axes (default: reversed). Primitive. Gradient: the inverse permutation.

import { apply, type OpSpec, tidy } from '../engine.js';
import { AttributeError } from '../errors.js';
import { type TensorLike, toTensor } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { reshape } from './reshape.js';

const spec: OpSpec<{ readonly perm: readonly number[] }> = {
  name: 'transpose',
  infer: ([x], { perm }) => [{ shape: perm.map((p) => x.shape[p]), dtype: x.dtype }],
  vjp: ([dy], _x, _y, { perm }) => [
    transpose(
      dy,
      perm.map((_, i) => perm.indexOf(i)),
    ),
  ],
};

/**
 * Permutes the axes of `x`: axis i of the result is axis `perm[i]` of x (default: the axes reversed). Throws
 * AttributeError unless perm is a permutation of x's axes. Gradient: dy transposed by the inverse
 * permutation.
 */
export function transpose(x: TensorLike, perm?: readonly number[]): Tensor {
  return tidy(() => {
    const t = toTensor('transpose', 'x', x);
    const p = perm ?? t.shape.map((_, i) => t.rank - 1 - i);
    const sorted = [...p].sort((a, b) => a - b);
    if (p.length !== t.rank || sorted.some((v, i) => v !== i)) {
      throw new AttributeError(
        'transpose',
        'perm',
        `[${p.join(', ')}] is not a permutation of the ${t.rank} axes of x [${t.shape.join(', ')}]`,
      );
    }
    if (p.every((v, i) => v === i)) return reshape(t, t.shape);
    return apply(spec, [t], { perm: p })[0];
  });
}
