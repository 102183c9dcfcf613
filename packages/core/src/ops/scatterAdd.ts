// The adjoint of gather: adds the slices of dy into zeros at the gathered positions (negative indices
// count from the end). Decomposes into a one-hot matmul. Gradient: gather.

import { arange } from '../creation.js';
import { apply, type OpSpec, tidy } from '../engine.js';
import { sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { add } from './add.js';
import { cast } from './cast.js';
import { equal } from './equal.js';
import { gather } from './gather.js';
import { less } from './less.js';
import { matmul } from './matmul.js';
import { reshape } from './reshape.js';
import { where } from './where.js';

type ScatterAttrs = { readonly axis: number; readonly size: number };

const outShape = (dy: Tensor, idx: Tensor, { axis, size }: ScatterAttrs) => [
  ...dy.shape.slice(0, axis),
  size,
  ...dy.shape.slice(axis + idx.rank),
];

const spec: OpSpec<ScatterAttrs> = {
  name: 'scatterAdd',
  infer: ([dy, idx], attrs) => [{ shape: outShape(dy, idx, attrs), dtype: dy.dtype }],
  decompose([dy, idx], attrs) {
    const { axis, size } = attrs;
    const m = idx.size;
    const lead = sizeOf(dy.shape.slice(0, axis));
    const rest = sizeOf(dy.shape.slice(axis + idx.rank));
    const wrapped = where(less(idx, 0), add(idx, size), idx);
    const oneHot = cast(
      equal(reshape(wrapped, [m, 1]), reshape(arange(0, size, 1, 'int32'), [1, size])),
      dy.dtype,
    );
    const out = matmul(oneHot, reshape(dy, [lead, m, rest]), { transposeA: true });
    return [reshape(out, outShape(dy, idx, attrs))];
  },
  vjp: ([g], [, idx], _y, { axis }) => [gather(g, idx, axis), null],
};

/** out[..., indices[j], ...] += dy[..., j, ...] into zeros whose `axis` has length `size`. */
export function scatterAdd(dy: Tensor, indices: Tensor, axis: number, size: number): Tensor {
  return tidy(() => apply(spec, [dy, indices], { axis, size })[0]);
}
