// Elementwise unary primitives: abs exp log sqrt sin cos tanh erf.
//
// Each one computes in float64 (JavaScript numbers) and stores into the output's typed array, which
// rounds to float32 for float32 tensors. Core only sends float dtypes here (abs also gets int32).

import { allocArray } from '@libml/core';
import type { ArrayKernel } from '../array-kernel.js';
import { erf as erfScalar } from './erf.js';

type NoAttrs = Readonly<Record<never, never>>;

/** Builds a unary kernel from a function on one number. */
function unary(f: (x: number) => number): ArrayKernel<NoAttrs> {
  return ([x], _attrs, [out]) => {
    const result = allocArray(out.dtype, x.values.length);
    for (let i = 0; i < x.values.length; i++) result[i] = f(x.values[i]);
    return [result];
  };
}

export const abs = unary(Math.abs);
export const exp = unary(Math.exp);
export const log = unary(Math.log);
export const sqrt = unary(Math.sqrt);
export const sin = unary(Math.sin);
export const cos = unary(Math.cos);
export const tanh = unary(Math.tanh);
export const erf = unary(erfScalar);
