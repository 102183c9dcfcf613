// Elementwise binary primitives with NumPy broadcasting: add mul div pow maximum, the comparisons equal
// and less (bool output), and where(cond, a, b).
//
// Core has already promoted both operands to one dtype and computed the broadcast output shape. int32
// arithmetic must wrap like 32-bit integers: storing into an Int32Array wraps sums, but a product can
// exceed 2^53 before it is stored, so int32 `mul` and `pow` use Math.imul.

import { allocArray } from '@libml/core';
import type { ArrayKernel, HostTensor } from '../array-kernel.js';
import { broadcastStrides, forEachCoordinate, ravel, sizeOfShape } from '../indexing.js';

type NoAttrs = Readonly<Record<never, never>>;

/** Builds a broadcasting kernel from a function on two numbers (one for float, one for int32 inputs). */
function binary(
  f: (a: number, b: number) => number,
  fInt32: (a: number, b: number) => number = f,
): ArrayKernel<NoAttrs> {
  return ([a, b], _attrs, [out]) => {
    const size = sizeOfShape(out.shape);
    const result = allocArray(out.dtype, size);
    const aStrides = broadcastStrides(a.shape, out.shape);
    const bStrides = broadcastStrides(b.shape, out.shape);
    const op = a.dtype === 'int32' ? fInt32 : f;
    forEachCoordinate(out.shape, (coords, i) => {
      result[i] = op(a.values[ravel(coords, aStrides)], b.values[ravel(coords, bStrides)]);
    });
    return [result];
  };
}

/** base^exponent with wrapping int32 multiplication (square and multiply). */
function int32Pow(base: number, exponent: number): number {
  if (exponent < 0) return Math.trunc(base ** exponent) | 0;
  let result = 1;
  while (exponent > 0) {
    if (exponent & 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
    exponent >>>= 1;
  }
  return result;
}

export const add = binary((a, b) => a + b);
export const mul = binary((a, b) => a * b, Math.imul);
export const div = binary((a, b) => a / b); // float only: core never sends int32 division
export const pow = binary((a, b) => a ** b, int32Pow);
export const maximum = binary(Math.max); // Math.max(NaN, x) is NaN: NaN propagates, as required
export const equal = binary((a, b) => (a === b ? 1 : 0)); // NaN === NaN is false
export const less = binary((a, b) => (a < b ? 1 : 0));

/** where(cond, a, b): a where cond is true, else b; all three broadcast to the output shape. */
export const where: ArrayKernel<NoAttrs> = (inputs, _attrs, [out]) => {
  const [cond, a, b] = inputs as [HostTensor, HostTensor, HostTensor];
  const size = sizeOfShape(out.shape);
  const result = allocArray(out.dtype, size);
  const condStrides = broadcastStrides(cond.shape, out.shape);
  const aStrides = broadcastStrides(a.shape, out.shape);
  const bStrides = broadcastStrides(b.shape, out.shape);
  forEachCoordinate(out.shape, (coords, i) => {
    const pick = cond.values[ravel(coords, condStrides)];
    result[i] = pick ? a.values[ravel(coords, aStrides)] : b.values[ravel(coords, bStrides)];
  });
  return [result];
};
