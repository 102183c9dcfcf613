// Reductions: sum, prod and max over a set of axes (dropped from the output), argMax along one axis.
//
// One pass over the input: each element is folded into the output slot it reduces into, found by
// dropping the reduced coordinates. Float sums and products accumulate in float64 and round once at the
// end; int32 ones wrap after every step, like 32-bit integers.

import { allocArray, type DataArray, type DType, type TensorSpec } from '@libml/core';
import type { ArrayKernel, HostTensor } from '../array-kernel.js';
import { forEachCoordinate, ravel, sizeOfShape, stridesOf } from '../indexing.js';

/**
 * The strides that take an input coordinate to the flat index of the output element it reduces into:
 * the output's coordinates are the input's with the reduced axes left out, so those axes get stride 0.
 */
function reducedStrides(inShape: readonly number[], axes: readonly number[]): number[] {
  const kept = inShape.map((_, axis) => axis).filter((axis) => !axes.includes(axis));
  const outStrides = stridesOf(kept.map((axis) => inShape[axis]));
  return inShape.map((_, axis) => (kept.includes(axis) ? outStrides[kept.indexOf(axis)] : 0));
}

/** A reduction from its starting value (what an empty reduction gives) and its step. */
function reduction(
  initial: number,
  step: (accumulator: number, value: number, dtype: DType) => number,
): ArrayKernel<{ readonly axes: readonly number[] }> {
  return ([x], { axes }, [out]) => [reduceInto(x, axes, out, initial, step)];
}

function reduceInto(
  x: HostTensor,
  axes: readonly number[],
  out: TensorSpec,
  initial: number,
  step: (accumulator: number, value: number, dtype: DType) => number,
): DataArray {
  const outSize = sizeOfShape(out.shape);
  const accumulators = new Float64Array(outSize).fill(initial);
  const toOutput = reducedStrides(x.shape, axes);
  forEachCoordinate(x.shape, (coords, i) => {
    const j = ravel(coords, toOutput);
    accumulators[j] = step(accumulators[j], x.values[i], x.dtype);
  });
  const result = allocArray(out.dtype, outSize);
  result.set(accumulators); // rounds float64 to float32 (or stores the int32 values) once
  return result;
}

export const sum = reduction(0, (acc, v, dtype) => (dtype === 'int32' ? (acc + v) | 0 : acc + v));
export const prod = reduction(1, (acc, v, dtype) => (dtype === 'int32' ? Math.imul(acc, v) : acc * v));
/** max propagates NaN: once the accumulator is NaN it stays NaN. */
export const max = reduction(-Infinity, (acc, v) =>
  Number.isNaN(acc) ? acc : Number.isNaN(v) || v > acc ? v : acc,
);

/** argMax: the int32 index along `axis` of the first maximum; a NaN counts as the maximum. */
export const argMax: ArrayKernel<{ readonly axis: number }> = ([x], { axis }, [out]) => {
  const outSize = sizeOfShape(out.shape);
  const result = allocArray('int32', outSize);
  const length = x.shape[axis];
  const inner = stridesOf(x.shape)[axis]; // elements between two neighbours along `axis`
  for (let o = 0; o < outSize; o++) {
    // Output element o = (outer, innerIndex); its first input element is outer * length * inner + innerIndex.
    const outer = Math.floor(o / inner);
    const start = outer * length * inner + (o % inner);
    let best = 0;
    let bestValue = x.values[start];
    for (let k = 1; k < length && !Number.isNaN(bestValue); k++) {
      const value = x.values[start + k * inner];
      if (value > bestValue || Number.isNaN(value)) {
        best = k;
        bestValue = value;
      }
    }
    result[o] = best;
  }
  return [result];
};
