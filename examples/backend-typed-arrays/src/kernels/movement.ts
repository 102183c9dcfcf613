// Data movement: transpose, broadcastTo, slice, pad, concat, gather. None of them computes anything: each
// output element is copied from one input element (or is pad's constant). Every kernel below is the
// same loop: for each output coordinate, work out the input element it comes from.

import { allocArray, type PrimitiveAttrs } from '@libml/core';
import type { ArrayKernel } from '../array-kernel.js';
import { broadcastStrides, forEachCoordinate, ravel, sizeOfShape, stridesOf } from '../indexing.js';

/** out[c] = x[c permuted]: output axis i is input axis perm[i]. */
export const transpose: ArrayKernel<PrimitiveAttrs['transpose']> = ([x], { perm }, [out]) => {
  const result = allocArray(out.dtype, sizeOfShape(out.shape));
  // Moving along output axis i moves along input axis perm[i].
  const inStrides = stridesOf(x.shape);
  const strides = perm.map((axis) => inStrides[axis]);
  forEachCoordinate(out.shape, (coords, i) => {
    result[i] = x.values[ravel(coords, strides)];
  });
  return [result];
};

/** NumPy broadcasting of x to `shape` (the output shape). */
export const broadcastTo: ArrayKernel<PrimitiveAttrs['broadcastTo']> = ([x], _attrs, [out]) => {
  const result = allocArray(out.dtype, sizeOfShape(out.shape));
  const strides = broadcastStrides(x.shape, out.shape);
  forEachCoordinate(out.shape, (coords, i) => {
    result[i] = x.values[ravel(coords, strides)];
  });
  return [result];
};

/** The block starting at `begin` with extent `size` (the output shape). */
export const slice: ArrayKernel<PrimitiveAttrs['slice']> = ([x], { begin }, [out]) => {
  const result = allocArray(out.dtype, sizeOfShape(out.shape));
  const inStrides = stridesOf(x.shape);
  const start = ravel(begin, inStrides); // where the block's first element is
  forEachCoordinate(out.shape, (coords, i) => {
    result[i] = x.values[start + ravel(coords, inStrides)];
  });
  return [result];
};

/** Constant padding: `paddings[axis] = [before, after]`; positions outside x get `value`. */
export const pad: ArrayKernel<PrimitiveAttrs['pad']> = ([x], { paddings, value }, [out]) => {
  const result = allocArray(out.dtype, sizeOfShape(out.shape));
  const inStrides = stridesOf(x.shape);
  forEachCoordinate(out.shape, (coords, i) => {
    let source = 0;
    for (let axis = 0; axis < coords.length; axis++) {
      const c = coords[axis] - paddings[axis][0]; // the coordinate in x
      if (c < 0 || c >= x.shape[axis]) {
        result[i] = value;
        return;
      }
      source += c * inStrides[axis];
    }
    result[i] = x.values[source];
  });
  return [result];
};

/** Joins the inputs along `axis`, in order. */
export const concat: ArrayKernel<PrimitiveAttrs['concat']> = (inputs, { axis }, [out]) => {
  const result = allocArray(out.dtype, sizeOfShape(out.shape));
  const strides = inputs.map((input) => stridesOf(input.shape));
  forEachCoordinate(out.shape, (coords, i) => {
    // Walk the inputs until the one whose stretch of `axis` holds this coordinate.
    let input = 0;
    let c = coords[axis];
    while (c >= inputs[input].shape[axis]) {
      c -= inputs[input].shape[axis];
      input++;
    }
    // coords with coords[axis] replaced by c, in that input's strides:
    const source = ravel(coords, strides[input]) + (c - coords[axis]) * strides[input][axis];
    result[i] = inputs[input].values[source];
  });
  return [result];
};

/**
 * Picks entries of x along `axis` by int32 indices (negative ones count from the end). Output shape:
 * x.shape[:axis] + indices.shape + x.shape[axis+1:].
 */
export const gather: ArrayKernel<PrimitiveAttrs['gather']> = ([x, indices], { axis }, [out]) => {
  const result = allocArray(out.dtype, sizeOfShape(out.shape));
  const inStrides = stridesOf(x.shape);
  const indexStrides = stridesOf(indices.shape);
  const indexRank = indices.shape.length;
  forEachCoordinate(out.shape, (coords, i) => {
    // The output coordinates are [x's leading axes..., the index's coordinates..., x's trailing axes...].
    let indexFlat = 0;
    for (let k = 0; k < indexRank; k++) indexFlat += coords[axis + k] * indexStrides[k];
    let index = indices.values[indexFlat];
    if (index < 0) index += x.shape[axis];
    let source = index * inStrides[axis];
    for (let a = 0; a < axis; a++) source += coords[a] * inStrides[a];
    for (let a = axis + 1; a < x.shape.length; a++) source += coords[a + indexRank - 1] * inStrides[a];
    result[i] = x.values[source];
  });
  return [result];
};
