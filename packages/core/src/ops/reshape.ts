// A new shape over the same data (no copy). One dimension may be -1 (inferred).

import { apply, type OpSpec, tidy } from '../engine.js';
import { AttributeError, ShapeError } from '../errors.js';
import { type TensorLike, toTensor } from '../op-helpers.js';
import { sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';

const spec: OpSpec<{ readonly shape: readonly number[] }> = {
  name: 'reshape',
  view: true,
  infer: ([x], { shape }) => [{ shape, dtype: x.dtype }],
  vjp: ([dy], [x]) => [reshape(dy, x.shape)],
};

/**
 * @internal `shape` with its -1 (at most one) inferred to hold the elements of `from`; throws AttributeError
 * or ShapeError (naming `op`) when it cannot.
 */
export function resolveShape(op: string, from: readonly number[], shape: readonly number[]): number[] {
  const size = sizeOf(from);
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1)
    throw new AttributeError(op, 'shape', `may hold at most one -1, got [${shape.join(', ')}]`);
  for (const d of shape) {
    if (!Number.isInteger(d) || d < -1)
      throw new AttributeError(op, 'shape', `has an invalid dimension ${d}`);
  }
  const known = sizeOf(shape.filter((d) => d !== -1));
  const out = [...shape];
  if (unknown === 1) {
    if (known === 0 || size % known !== 0) {
      throw new ShapeError(op, 'cannot infer the -1 dimension', { x: from, shape });
    }
    out[out.indexOf(-1)] = size / known;
  } else if (known !== size) {
    throw new ShapeError(op, `cannot reshape ${size} elements into ${known}`, { x: from, shape });
  }
  return out;
}

/** `x` with a new shape of the same size. */
export function reshape(x: TensorLike, shape: readonly number[]): Tensor {
  return tidy(() => {
    const t = toTensor('reshape', 'x', x);
    return apply(spec, [t], { shape: resolveShape('reshape', t.shape, shape) })[0];
  });
}
