// Shape arithmetic shared by every operator's shape rule: sizes, strides, broadcasting, axes.

import { AttributeError, type Shape, ShapeError } from './errors.js';

/** Number of elements of a tensor of `shape`: the product of its sizes (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C order) element strides of `shape`: the last axis has stride 1. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/** Whether two shapes have the same rank and the same size on every axis. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Returns a mutable copy of a user-given `shape`. Throws AttributeError (naming `op` and `arg`) unless every
 * size is a non-negative integer.
 */
export function checkShape(op: string, arg: string, shape: Shape): number[] {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new AttributeError(op, arg, `must be a list of non-negative integers, got [${shape.join(', ')}]`);
    }
  }
  return [...shape];
}

/** NumPy broadcasting of any number of shapes; names go into the error. */
export function broadcastShapes(op: string, shapes: Record<string, Shape>): number[] {
  const list = Object.values(shapes);
  const rank = Math.max(0, ...list.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const s of list) {
    for (let i = 0; i < s.length; i++) {
      const o = rank - s.length + i;
      const d = s[i];
      if (d === out[o] || d === 1) continue;
      if (out[o] === 1) out[o] = d;
      else throw new ShapeError(op, 'shapes cannot be broadcast together', shapes);
    }
  }
  return out;
}

/** The axes of `out` along which `shape` was broadcast (to be summed by a gradient). */
export function broadcastedAxes(shape: Shape, out: Shape): number[] {
  const axes: number[] = [];
  const lead = out.length - shape.length;
  for (let i = 0; i < out.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && out[i] !== 1)) axes.push(i);
  }
  return axes;
}

/**
 * Resolves `axis` for a tensor of `rank`, counting negative values from the end (-1 is the last axis). Throws
 * AttributeError (naming `op` and `arg`) unless it is an integer in [-rank, rank); 0 is also accepted for a
 * scalar.
 */
export function normalizeAxis(op: string, arg: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= Math.max(rank, 1)) {
    throw new AttributeError(op, arg, `= ${axis} is out of range for a tensor of rank ${rank}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Sorted, unique, non-negative axes; `undefined` means every axis. */
export function normalizeAxes(
  op: string,
  arg: string,
  axes: number | readonly number[] | undefined,
  rank: number,
) {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const out = list.map((a) => {
    if (!Number.isInteger(a) || a < -rank || a >= rank) {
      throw new AttributeError(op, arg, `contains ${a}, out of range for a tensor of rank ${rank}`);
    }
    return a < 0 ? a + rank : a;
  });
  if (new Set(out).size !== out.length)
    throw new AttributeError(op, arg, `has repeated axes [${list.join(', ')}]`);
  return out.sort((a, b) => a - b);
}

/**
 * The shape of a reduction of `shape` over `axes` (non-negative): those axes dropped, or kept with size 1
 * when `keepDims`.
 */
export function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepDims) out.push(1);
  });
  return out;
}

/** Strides of `inShape` read as `outShape` under NumPy broadcasting (0 along broadcast dims). */
export function broadcastStrides(inShape: readonly number[], outShape: readonly number[]): number[] {
  const rank = outShape.length;
  const lead = rank - inShape.length;
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let i = inShape.length - 1; i >= 0; i--) {
    strides[i + lead] = inShape[i] === 1 ? 0 : stride;
    stride *= inShape[i];
  }
  return strides;
}

/**
 * Drops size-1 dims and merges neighbours that every operand walks contiguously, so loops run over the
 * fewest, longest dims. Returns a rank-0 result for a single element.
 */
export function collapseDims(
  shape: readonly number[],
  stridesList: readonly (readonly number[])[],
): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides = stridesList.map(() => [] as number[]);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d];
    if (size === 1) continue;
    const last = outShape.length - 1;
    let mergeable = last >= 0;
    for (let k = 0; k < stridesList.length && mergeable; k++) {
      mergeable = outStrides[k][last] === stridesList[k][d] * size;
    }
    if (mergeable) {
      outShape[last] *= size;
      for (let k = 0; k < stridesList.length; k++) outStrides[k][last] = stridesList[k][d];
    } else {
      outShape.push(size);
      for (let k = 0; k < stridesList.length; k++) outStrides[k].push(stridesList[k][d]);
    }
  }
  return { shape: outShape, strides: outStrides };
}
