// Elementwise kernels: unary float32 functions (SIMD where the op is a few lanes of arithmetic or the
// float32 exp family of math.ts: exp, sigmoid, tanh, elu; float64 scalar math for log, sin, cos, erf, gelu), int32 unary ops, broadcasting binary ops over a strided walk
// (SIMD on the contiguous and scalar-broadcast rows), comparisons, where and cast.

import {
  advance,
  innerStride,
  ldb,
  ldf,
  ldi,
  metaRowLen,
  metaRows,
  offsetOf,
  stb,
  stf,
  sti,
} from './common';
import { erf64, erfc64, expm1V, expV, intPow, sigmoidV, tanhV } from './math';

// ---- Unary float32 -----------------------------------------------------------------------------------
export const U_ABS = 0;
export const U_EXP = 1;
export const U_LOG = 2;
export const U_SQRT = 3;
export const U_SIN = 4;
export const U_COS = 5;
export const U_TANH = 6;
export const U_ERF = 7;
export const U_NEG = 8;
export const U_SQUARE = 9;
export const U_RELU = 10;
export const U_SIGMOID = 11;
export const U_LEAKY = 12;
export const U_ELU = 13;
export const U_GELU = 14;
export const U_GELU_TANH = 15;

const SQRT_HALF: f64 = 0.7071067811865476;
const SQRT_2_OVER_PI: f64 = 0.7978845608028654;

@inline function hasVector(op: i32): bool {
  return (
    op == U_ABS ||
    op == U_SQRT ||
    op == U_NEG ||
    op == U_SQUARE ||
    op == U_RELU ||
    op == U_LEAKY ||
    op == U_EXP ||
    op == U_SIGMOID ||
    op == U_TANH ||
    op == U_ELU
  );
}

@inline function unaryVector(op: i32, v: v128, alpha: v128): v128 {
  if (op == U_EXP) return expV(v);
  if (op == U_SIGMOID) return sigmoidV(v);
  if (op == U_TANH) return tanhV(v);
  // elu: v > 0 ? v : alpha * (e^v - 1); the unused branch (Infinity for large v) is never selected.
  if (op == U_ELU) return v128.bitselect(v, f32x4.mul(alpha, expm1V(v)), f32x4.gt(v, f32x4.splat(0)));
  if (op == U_ABS) return f32x4.abs(v);
  if (op == U_SQRT) return f32x4.sqrt(v);
  if (op == U_NEG) return f32x4.neg(v);
  if (op == U_SQUARE) return f32x4.mul(v, v);
  if (op == U_RELU) return f32x4.max(v, f32x4.splat(0));
  // U_LEAKY: v < 0 ? alpha*v : v (NaN stays NaN)
  return v128.bitselect(f32x4.mul(alpha, v), v, f32x4.lt(v, f32x4.splat(0)));
}

@inline function vectorLoop(op: i32, x: usize, out: usize, n: i32, alpha: f32): void {
  const va = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const k = <usize>i << 2;
    v128.store(out + k, unaryVector(op, v128.load(x + k), va));
  }
  if (i < n) {
    // The tail through the same vector code (a zero-padded lane group), so every element gets the
    // same arithmetic wherever it sits (no static buffer: worker threads run this too).
    let v = v128.load32_zero(x + (<usize>i << 2));
    if (i + 1 < n) v = f32x4.replace_lane(v, 1, ldf(x, i + 1));
    if (i + 2 < n) v = f32x4.replace_lane(v, 2, ldf(x, i + 2));
    const r = unaryVector(op, v, va);
    stf(out, i, f32x4.extract_lane(r, 0));
    if (i + 1 < n) stf(out, i + 1, f32x4.extract_lane(r, 1));
    if (i + 2 < n) stf(out, i + 2, f32x4.extract_lane(r, 2));
  }
}

// The transcendental ops get one explicit loop each: written as one loop over a constant op code, Binaryen
// folds them back into a single loop that dispatches per element.
@inline function gelu64(d: f64): f64 {
  return 0.5 * d * erfc64(-d * SQRT_HALF);
}
@inline function geluTanh64(d: f64): f64 {
  return 0.5 * d * (1 + Math.tanh(SQRT_2_OVER_PI * (d + 0.044715 * d * d * d)));
}

export function unaryF32(op: i32, x: usize, out: usize, n: i32, alpha: f32): void {
  if (hasVector(op)) {
    switch (op) {
      case U_ABS: vectorLoop(U_ABS, x, out, n, alpha); break;
      case U_SQRT: vectorLoop(U_SQRT, x, out, n, alpha); break;
      case U_NEG: vectorLoop(U_NEG, x, out, n, alpha); break;
      case U_SQUARE: vectorLoop(U_SQUARE, x, out, n, alpha); break;
      case U_RELU: vectorLoop(U_RELU, x, out, n, alpha); break;
      case U_EXP: vectorLoop(U_EXP, x, out, n, alpha); break;
      case U_SIGMOID: vectorLoop(U_SIGMOID, x, out, n, alpha); break;
      case U_TANH: vectorLoop(U_TANH, x, out, n, alpha); break;
      case U_ELU: vectorLoop(U_ELU, x, out, n, alpha); break;
      default: vectorLoop(U_LEAKY, x, out, n, alpha); break;
    }
    return;
  }
  if (op == U_LOG) for (let i = 0; i < n; i++) stf(out, i, <f32>Math.log(<f64>ldf(x, i)));
  else if (op == U_SIN) for (let i = 0; i < n; i++) stf(out, i, <f32>Math.sin(<f64>ldf(x, i)));
  else if (op == U_COS) for (let i = 0; i < n; i++) stf(out, i, <f32>Math.cos(<f64>ldf(x, i)));
  else if (op == U_ERF) for (let i = 0; i < n; i++) stf(out, i, <f32>erf64(<f64>ldf(x, i)));
  else if (op == U_GELU) for (let i = 0; i < n; i++) stf(out, i, <f32>gelu64(<f64>ldf(x, i)));
  else for (let i = 0; i < n; i++) stf(out, i, <f32>geluTanh64(<f64>ldf(x, i)));
}

/** unaryF32 with alpha passed as its float32 bits (threaded calls carry int32 words only). */
export function unaryF32Bits(op: i32, x: usize, out: usize, n: i32, alphaBits: i32): void {
  unaryF32(op, x, out, n, reinterpret<f32>(alphaBits));
}

/** int32 abs, neg, square (wrapping) and relu. */
export function unaryI32(op: i32, x: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const v = ldi(x, i);
    let r: i32;
    if (op == U_ABS) r = v < 0 ? -v : v;
    else if (op == U_NEG) r = -v;
    else if (op == U_SQUARE) r = v * v;
    else r = v > 0 ? v : 0;
    sti(out, i, r);
  }
}

// ---- Binary ------------------------------------------------------------------------------------------
export const B_ADD = 0;
export const B_SUB = 1;
export const B_MUL = 2;
export const B_DIV = 3;
export const B_POW = 4;
export const B_MAX = 5;
export const B_MIN = 6;
export const B_EQ = 7;
export const B_LT = 8;

@inline export function binF(op: i32, a: f32, b: f32): f32 {
  if (op == B_ADD) return a + b;
  if (op == B_SUB) return a - b;
  if (op == B_MUL) return a * b;
  if (op == B_DIV) return a / b;
  if (op == B_POW) return <f32>Math.pow(<f64>a, <f64>b);
  if (op == B_MAX) return Mathf.max(a, b);
  return Mathf.min(a, b);
}

@inline export function binFV(op: i32, a: v128, b: v128): v128 {
  if (op == B_ADD) return f32x4.add(a, b);
  if (op == B_SUB) return f32x4.sub(a, b);
  if (op == B_MUL) return f32x4.mul(a, b);
  if (op == B_DIV) return f32x4.div(a, b);
  if (op == B_MAX) return f32x4.max(a, b);
  return f32x4.min(a, b);
}

@inline function rowF32(op: i32, o: usize, a: usize, as: i32, b: usize, bs: i32, n: i32): void {
  let i = 0;
  if (op != B_POW) {
    if (as == 1 && bs == 1) {
      for (; i + 4 <= n; i += 4) {
        const k = <usize>i << 2;
        v128.store(o + k, binFV(op, v128.load(a + k), v128.load(b + k)));
      }
    } else if (as == 0 && bs == 1) {
      const va = v128.load32_splat(a);
      for (; i + 4 <= n; i += 4) {
        const k = <usize>i << 2;
        v128.store(o + k, binFV(op, va, v128.load(b + k)));
      }
    } else if (as == 1 && bs == 0) {
      const vb = v128.load32_splat(b);
      for (; i + 4 <= n; i += 4) {
        const k = <usize>i << 2;
        v128.store(o + k, binFV(op, v128.load(a + k), vb));
      }
    }
  }
  for (; i < n; i++) stf(o, i, binF(op, ldf(a, i * as), ldf(b, i * bs)));
}

@inline function walkF32(op: i32, out: usize, a: usize, b: usize, m: usize): void {
  const n = metaRowLen(m);
  const rows = metaRows(m);
  const as = innerStride(m, 1);
  const bs = innerStride(m, 2);
  for (let r = 0; r < rows; r++) {
    rowF32(
      op,
      out + (<usize>offsetOf(m, 0) << 2),
      a + (<usize>offsetOf(m, 1) << 2),
      as,
      b + (<usize>offsetOf(m, 2) << 2),
      bs,
      n,
    );
    if (r + 1 < rows) advance(m);
  }
}

export function binaryF32(op: i32, out: usize, a: usize, b: usize, m: usize): void {
  switch (op) {
    case B_ADD: walkF32(B_ADD, out, a, b, m); break;
    case B_SUB: walkF32(B_SUB, out, a, b, m); break;
    case B_MUL: walkF32(B_MUL, out, a, b, m); break;
    case B_DIV: walkF32(B_DIV, out, a, b, m); break;
    case B_POW: walkF32(B_POW, out, a, b, m); break;
    case B_MAX: walkF32(B_MAX, out, a, b, m); break;
    default: walkF32(B_MIN, out, a, b, m); break;
  }
}

@inline export function binI(op: i32, a: i32, b: i32): i32 {
  if (op == B_ADD) return a + b;
  if (op == B_SUB) return a - b;
  if (op == B_MUL) return a * b;
  if (op == B_POW) return intPow(a, b);
  if (op == B_MAX) return a > b ? a : b;
  return a < b ? a : b;
}

@inline export function binIV(op: i32, a: v128, b: v128): v128 {
  if (op == B_ADD) return i32x4.add(a, b);
  if (op == B_SUB) return i32x4.sub(a, b);
  if (op == B_MUL) return i32x4.mul(a, b);
  if (op == B_MAX) return i32x4.max_s(a, b);
  return i32x4.min_s(a, b);
}

@inline function walkI32(op: i32, out: usize, a: usize, b: usize, m: usize): void {
  const n = metaRowLen(m);
  const rows = metaRows(m);
  const as = innerStride(m, 1);
  const bs = innerStride(m, 2);
  for (let r = 0; r < rows; r++) {
    const o = out + (<usize>offsetOf(m, 0) << 2);
    const pa = a + (<usize>offsetOf(m, 1) << 2);
    const pb = b + (<usize>offsetOf(m, 2) << 2);
    let i = 0;
    if (op != B_POW && as == 1 && bs == 1) {
      for (; i + 4 <= n; i += 4) {
        const k = <usize>i << 2;
        v128.store(o + k, binIV(op, v128.load(pa + k), v128.load(pb + k)));
      }
    }
    for (; i < n; i++) sti(o, i, binI(op, ldi(pa, i * as), ldi(pb, i * bs)));
    if (r + 1 < rows) advance(m);
  }
}

export function binaryI32(op: i32, out: usize, a: usize, b: usize, m: usize): void {
  switch (op) {
    case B_ADD: walkI32(B_ADD, out, a, b, m); break;
    case B_SUB: walkI32(B_SUB, out, a, b, m); break;
    case B_MUL: walkI32(B_MUL, out, a, b, m); break;
    case B_POW: walkI32(B_POW, out, a, b, m); break;
    case B_MAX: walkI32(B_MAX, out, a, b, m); break;
    default: walkI32(B_MIN, out, a, b, m); break;
  }
}

/** bool (0/1 bytes) maximum, minimum and mul (logical or / and); any other op computes in int32. */
export function binaryU8(op: i32, out: usize, a: usize, b: usize, m: usize): void {
  const n = metaRowLen(m);
  const rows = metaRows(m);
  const as = innerStride(m, 1);
  const bs = innerStride(m, 2);
  for (let r = 0; r < rows; r++) {
    const o = out + <usize>offsetOf(m, 0);
    const pa = a + <usize>offsetOf(m, 1);
    const pb = b + <usize>offsetOf(m, 2);
    for (let i = 0; i < n; i++) {
      const x = <i32>ldb(pa, i * as);
      const y = <i32>ldb(pb, i * bs);
      stb(o, i, <u8>binI(op, x, y));
    }
    if (r + 1 < rows) advance(m);
  }
}

/** equal (op B_EQ) or less (B_LT) into bool; `kind` 0 float32, 1 int32, 2 bool. NaN compares false. */
export function compare(op: i32, kind: i32, out: usize, a: usize, b: usize, m: usize): void {
  const n = metaRowLen(m);
  const rows = metaRows(m);
  const as = innerStride(m, 1);
  const bs = innerStride(m, 2);
  for (let r = 0; r < rows; r++) {
    const o = out + <usize>offsetOf(m, 0);
    if (kind == 0) {
      const pa = a + (<usize>offsetOf(m, 1) << 2);
      const pb = b + (<usize>offsetOf(m, 2) << 2);
      if (op == B_EQ) for (let i = 0; i < n; i++) stb(o, i, <u8>(ldf(pa, i * as) == ldf(pb, i * bs)));
      else for (let i = 0; i < n; i++) stb(o, i, <u8>(ldf(pa, i * as) < ldf(pb, i * bs)));
    } else if (kind == 1) {
      const pa = a + (<usize>offsetOf(m, 1) << 2);
      const pb = b + (<usize>offsetOf(m, 2) << 2);
      if (op == B_EQ) for (let i = 0; i < n; i++) stb(o, i, <u8>(ldi(pa, i * as) == ldi(pb, i * bs)));
      else for (let i = 0; i < n; i++) stb(o, i, <u8>(ldi(pa, i * as) < ldi(pb, i * bs)));
    } else {
      const pa = a + <usize>offsetOf(m, 1);
      const pb = b + <usize>offsetOf(m, 2);
      if (op == B_EQ) for (let i = 0; i < n; i++) stb(o, i, <u8>(ldb(pa, i * as) == ldb(pb, i * bs)));
      else for (let i = 0; i < n; i++) stb(o, i, <u8>(ldb(pa, i * as) < ldb(pb, i * bs)));
    }
    if (r + 1 < rows) advance(m);
  }
}

/** where(cond, a, b) over a 4-operand walk [out, cond, a, b]; `wide` is true for 4-byte elements. */
export function where(wide: bool, out: usize, c: usize, a: usize, b: usize, m: usize): void {
  const n = metaRowLen(m);
  const rows = metaRows(m);
  const cs = innerStride(m, 1);
  const as = innerStride(m, 2);
  const bs = innerStride(m, 3);
  for (let r = 0; r < rows; r++) {
    const pc = c + <usize>offsetOf(m, 1);
    if (wide) {
      const o = out + (<usize>offsetOf(m, 0) << 2);
      const pa = a + (<usize>offsetOf(m, 2) << 2);
      const pb = b + (<usize>offsetOf(m, 3) << 2);
      for (let i = 0; i < n; i++) {
        // Branch-free: masks (relu's gradient, say) are as good as random to a branch predictor.
        sti(o, i, select<i32>(ldi(pa, i * as), ldi(pb, i * bs), ldb(pc, i * cs) != 0));
      }
    } else {
      const o = out + <usize>offsetOf(m, 0);
      const pa = a + <usize>offsetOf(m, 2);
      const pb = b + <usize>offsetOf(m, 3);
      for (let i = 0; i < n; i++) stb(o, i, select<u8>(ldb(pa, i * as), ldb(pb, i * bs), ldb(pc, i * cs) != 0));
    }
    if (r + 1 < rows) advance(m);
  }
}

// ---- Cast --------------------------------------------------------------------------------------------
export const C_F2I = 0;
export const C_F2B = 1;
export const C_I2F = 2;
export const C_I2B = 3;
export const C_B2F = 4;
export const C_B2I = 5;

/** JavaScript's ToInt32 of a float: truncation toward zero, modulo 2^32, NaN and infinities to 0. */
@inline export function toInt32(v: f32): i32 {
  const d = <f64>v;
  if (!isFinite(d)) return 0;
  const t = Math.trunc(d);
  if (Math.abs(t) < 2147483648.0) return <i32>t;
  let r = t % 4294967296.0;
  if (r < 0) r += 4294967296.0;
  return <i32>(<u32>r);
}

export function cast(kind: i32, x: usize, out: usize, n: i32): void {
  if (kind == C_F2I) for (let i = 0; i < n; i++) sti(out, i, toInt32(ldf(x, i)));
  else if (kind == C_F2B) for (let i = 0; i < n; i++) stb(out, i, <u8>(ldf(x, i) != 0));
  else if (kind == C_I2F) for (let i = 0; i < n; i++) stf(out, i, <f32>ldi(x, i));
  else if (kind == C_I2B) for (let i = 0; i < n; i++) stb(out, i, <u8>(ldi(x, i) != 0));
  else if (kind == C_B2F) for (let i = 0; i < n; i++) stf(out, i, <f32>ldb(x, i));
  else for (let i = 0; i < n; i++) sti(out, i, <i32>ldb(x, i));
}
