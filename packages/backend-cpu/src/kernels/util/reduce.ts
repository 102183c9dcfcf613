// Reduction geometry: views the input as [outer, reduce, inner] so every reduction kernel is three loops.

import { allocArray, type DataArray, type TensorInfo } from '@libml/core';
import { valuesOf } from '../../data.js';
import { copyStrided } from './copy.js';
import { contiguousStrides, product } from './strides.js';

/** The input read as [outer, reduce, inner] (row-major); `values` may be a transposed copy. */
export interface ReductionView {
  readonly values: DataArray;
  readonly outer: number;
  readonly reduce: number;
  readonly inner: number;
}

/**
 * Reduced axes that form one block (ignoring size-1 dims) are read in place as [outer, reduce, inner];
 * otherwise the kept axes are moved in front with a transposed copy, giving inner = 1.
 */
export function reductionView(input: TensorInfo, axes: readonly number[]): ReductionView {
  const values = valuesOf(input);
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
  // Only size-1 axes (or none) are reduced: every element is its own result.
  if (first < 0) return { values, outer: product(shape), reduce: 1, inner: 1 };
  let oneBlock = true;
  for (let i = first; i <= last; i++) if (!isReduced[i] && shape[i] !== 1) oneBlock = false;
  if (oneBlock) return { values, outer: product(shape, 0, first), reduce, inner: product(shape, last + 1) };

  const kept = shape.map((_, i) => i).filter((i) => !isReduced[i]);
  const perm = [...kept, ...axes];
  const permShape = perm.map((p) => shape[p]);
  const inStrides = contiguousStrides(shape);
  const transposed = allocArray(input.dtype, values.length);
  const permStrides = perm.map((p) => inStrides[p]);
  copyStrided(values, 0, permStrides, transposed, 0, contiguousStrides(permShape), permShape);
  return { values: transposed, outer: product(permShape, 0, kept.length), reduce, inner: 1 };
}
