// A contiguous block: begin and size per axis (size -1: to the end). Primitive. Gradient: pad back.

import { apply, type OpSpec, tidy } from '../engine.js';
import { AttributeError } from '../errors.js';
import { type TensorLike, toTensor } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { pad } from './pad.js';

type SliceAttrs = { readonly begin: readonly number[]; readonly size: readonly number[] };

const spec: OpSpec<SliceAttrs> = {
  name: 'slice',
  infer: ([x], { size }) => [{ shape: size, dtype: x.dtype }],
  vjp: ([dy], [x], _y, { begin, size }) => [
    pad(
      dy,
      x.shape.map((d, i) => [begin[i], d - begin[i] - size[i]] as [number, number]),
    ),
  ],
};

/**
 * The block of `x` that starts at `begin` and spans `size` elements per axis. Missing trailing entries mean
 * begin 0 and size -1; a negative begin counts from the end, and size -1 runs to the end of the axis. Throws
 * AttributeError when the block leaves x. Gradient: dy padded with zeros back to x's shape.
 */
export function slice(x: TensorLike, begin: readonly number[], size?: readonly number[]): Tensor {
  return tidy(() => {
    const t = toTensor('slice', 'x', x);
    if (begin.length > t.rank)
      throw new AttributeError('slice', 'begin', `has ${begin.length} entries for rank ${t.rank}`);
    const b = t.shape.map((d, i) => {
      const v = begin[i] ?? 0;
      const r = v < 0 ? v + d : v;
      if (!Number.isInteger(r) || r < 0 || r > d) {
        throw new AttributeError(
          'slice',
          'begin',
          `[${begin.join(', ')}] is out of range for x [${t.shape.join(', ')}]`,
        );
      }
      return r;
    });
    const s = t.shape.map((d, i) => {
      const v = size?.[i] ?? -1;
      const r = v === -1 ? d - b[i] : v;
      if (!Number.isInteger(r) || r < 0 || b[i] + r > d) {
        throw new AttributeError(
          'slice',
          'size',
          `[${(size ?? []).join(', ')}] from begin [${b.join(', ')}] runs past x [${t.shape.join(', ')}]`,
        );
      }
      return r;
    });
    return apply(spec, [t], { begin: b, size: s })[0];
  });
}
