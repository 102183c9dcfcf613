// Index arithmetic for dense row-major arrays: flat indices, per-axis coordinates, strides, broadcasting.
// Deliberately simple; a fast backend would walk contiguous runs instead of visiting every coordinate.

/** Number of elements of a shape (1 for a scalar, shape []). */
export function sizeOfShape(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

/** Row-major strides: how far the flat index moves when one coordinate moves by one. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

/** The coordinates of flat index `flat` in `shape`. */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const coords = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    coords[axis] = flat % shape[axis];
    flat = Math.floor(flat / shape[axis]);
  }
  return coords;
}

/** The flat index of `coords` given row-major `strides`. */
export function ravel(coords: readonly number[], strides: readonly number[]): number {
  let flat = 0;
  for (let axis = 0; axis < coords.length; axis++) flat += coords[axis] * strides[axis];
  return flat;
}

/**
 * NumPy broadcasting, one element at a time: for each flat index of `outShape`, the flat index of the
 * element of an input of shape `inShape` that lands there. Shapes are aligned on the right; an input axis
 * of size 1 (or a missing leading axis) repeats its single element.
 */
export function broadcastIndexer(
  inShape: readonly number[],
  outShape: readonly number[],
): (flat: number) => number {
  const offset = outShape.length - inShape.length;
  const inStrides = stridesOf(inShape);
  return (flat) => {
    const coords = unravel(flat, outShape);
    let index = 0;
    for (let axis = 0; axis < inShape.length; axis++) {
      const coord = inShape[axis] === 1 ? 0 : coords[axis + offset];
      index += coord * inStrides[axis];
    }
    return index;
  };
}

/**
 * Calls `visit(coords, flat)` for every element of `shape` in row-major order. `coords` is one array,
 * updated in place like an odometer (the last axis turns fastest): read it, do not keep it.
 */
export function forEachCoordinate(
  shape: readonly number[],
  visit: (coords: number[], flat: number) => void,
): void {
  const size = sizeOfShape(shape);
  const coords = new Array<number>(shape.length).fill(0);
  for (let flat = 0; flat < size; flat++) {
    visit(coords, flat);
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      coords[axis]++;
      if (coords[axis] < shape[axis]) break;
      coords[axis] = 0;
    }
  }
}

/**
 * The strides to read an input of shape `inShape` at the coordinates of `outShape` under NumPy
 * broadcasting: one per output axis, 0 where the input repeats (a size-1 axis or a missing leading one).
 */
export function broadcastStrides(inShape: readonly number[], outShape: readonly number[]): number[] {
  const offset = outShape.length - inShape.length;
  const inStrides = stridesOf(inShape);
  return outShape.map((_, axis) => {
    const inAxis = axis - offset;
    return inAxis < 0 || inShape[inAxis] === 1 ? 0 : inStrides[inAxis];
  });
}
