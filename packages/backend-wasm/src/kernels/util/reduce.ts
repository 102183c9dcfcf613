// Reduction geometry: the input read as [outer, reduce, inner]. Reduced axes that form one block (size-1
// dims aside) are read in place; otherwise the kept axes are moved in front with a strided copy in wasm
// memory, giving inner = 1.

import type { TensorInfo } from '@libml/core';
import type { Runtime } from '../../runtime.js';
import { contiguousStrides, product, walkBlock } from './strides.js';

export interface ReductionView {
  /** Byte address of the [outer, reduce, inner] elements. */
  readonly ptr: number;
  readonly outer: number;
  readonly reduce: number;
  readonly inner: number;
}

export function reductionView(rt: Runtime, input: TensorInfo, axes: readonly number[]): ReductionView {
  const ptr = rt.ptr(input);
  const shape = input.shape;
  const isReduced = shape.map((_, i) => axes.includes(i));
  const reduce = product(axes.map((a) => shape[a]));
  let first = -1;
  let last = -1;
  for (let i = 0; i < shape.length; i++) {
    if (!isReduced[i] || shape[i] === 1) continue;
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0) return { ptr, outer: product(shape), reduce: 1, inner: 1 };
  let oneBlock = true;
  for (let i = first; i <= last; i++) if (!isReduced[i] && shape[i] !== 1) oneBlock = false;
  if (oneBlock) return { ptr, outer: product(shape, 0, first), reduce, inner: product(shape, last + 1) };

  const kept = shape.map((_, i) => i).filter((i) => !isReduced[i]);
  const perm = [...kept, ...axes];
  const permShape = perm.map((p) => shape[p]);
  const inStrides = contiguousStrides(shape);
  const shift = input.dtype === 'bool' ? 0 : 2;
  const size = product(shape);
  const dst = rt.temp(size << shift);
  const walk = rt.ints(walkBlock(permShape, [contiguousStrides(permShape), perm.map((p) => inStrides[p])]));
  rt.k.copyStrided(shift, dst, ptr, walk);
  return { ptr: dst, outer: product(permShape, 0, kept.length), reduce, inner: 1 };
}
