// cast: converts to attrs.dtype like the CPU backend (TypedArray semantics): float->int32 truncates toward
// zero and wraps modulo 2^32 beyond int32 (NaN and +-Inf give 0); to bool is x != 0 (NaN is true).

import type { PrimitiveAttrs } from '@libml/core';
import { type ElementwiseOp, elementwiseKernel } from './util/elementwise.js';
import type { WgslType } from './util/wgsl.js';

// ECMAScript ToInt32 on a float32, in integer arithmetic from the bits.
const TO_INT32 = `
fn to_int32_(x: f32) -> i32 {
  let bits = bitcast<u32>(x);
  let e = i32((bits >> 23u) & 0xffu) - 127;
  if (e < 31) { return i32(x); }
  if (e == 128 || e >= 55) { return 0; }
  let m = (bits & 0x7fffffu) | 0x800000u;
  let r = m << u32(e - 23);
  return select(bitcast<i32>(r), -bitcast<i32>(r), (bits & 0x80000000u) != 0u);
}
`;

function castExpr(from: WgslType, to: WgslType): string {
  if (from === to) return 'a';
  if (to === 'u32') {
    return from === 'f32'
      ? 'select(0u, 1u, (bitcast<u32>(a) & 0x7fffffffu) != 0u)'
      : 'select(0u, 1u, a != 0i)';
  }
  if (to === 'f32') return 'f32(a)';
  // to i32
  return from === 'f32' ? 'to_int32_(a)' : 'i32(a)';
}

/** The target dtype is the output's: the code depends only on the operand and output types. */
export const castOp: ElementwiseOp = {
  name: 'cast',
  expr: ([from], to) => castExpr(from, to),
  prelude: ([from]) => (from === 'f32' ? TO_INT32 : ''),
};
export const cast = elementwiseKernel<PrimitiveAttrs['cast']>(castOp);
