// Reductions over a contiguous [outer, reduce, inner] view (the JS side transposes other layouts first):
// sum / mean / prod accumulate in float64, max / min propagate NaN, argMax / argMin, and the fused softmax,
// logSoftmax and moments. `scratch` is float64 space for `inner` (or 2*inner) accumulators.

import { ldd, ldf, ldi, std, stf, sti } from './common';
import { expNegV } from './math';

export const R_SUM = 0;
export const R_PROD = 1;
export const R_MAX = 2;
export const R_MIN = 3;
export const R_MEAN = 4;

/** Sum of n contiguous floats in float64 (two f64x2 accumulators per f32x4). */
@inline function sumRow64(p: usize, n: i32): f64 {
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(p + (<usize>i << 2));
    acc0 = f64x2.add(acc0, f64x2.promote_low_f32x4(v));
    acc1 = f64x2.add(acc1, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)));
  }
  const acc = f64x2.add(acc0, acc1);
  let total = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; i < n; i++) total += <f64>ldf(p, i);
  return total;
}

@inline function better(op: i32, v: f32, best: f32): bool {
  // NaN wins (propagates); ties keep the earlier element.
  return op == R_MAX ? v > best || v != v : v < best || v != v;
}

export function reduceF32(
  op: i32,
  x: usize,
  out: usize,
  outer: i32,
  reduce: i32,
  inner: i32,
  scratch: usize,
): void {
  if (op == R_MAX || op == R_MIN) {
    const init: f32 = op == R_MAX ? -Infinity : Infinity;
    if (inner == 1) {
      for (let o = 0; o < outer; o++) {
        const p = x + (<usize>(o * reduce) << 2);
        let best = init;
        for (let r = 0; r < reduce; r++) {
          const v = ldf(p, r);
          if (better(op, v, best)) best = v;
        }
        stf(out, o, best);
      }
      return;
    }
    for (let o = 0; o < outer; o++) {
      const q = out + (<usize>(o * inner) << 2);
      for (let j = 0; j < inner; j++) stf(q, j, init);
      for (let r = 0; r < reduce; r++) {
        const p = x + (<usize>((o * reduce + r) * inner) << 2);
        let j = 0;
        for (; j + 4 <= inner; j += 4) {
          const k = <usize>j << 2;
          const v = v128.load(p + k);
          const b = v128.load(q + k);
          const take =
            op == R_MAX ? v128.or(f32x4.gt(v, b), f32x4.ne(v, v)) : v128.or(f32x4.lt(v, b), f32x4.ne(v, v));
          v128.store(q + k, v128.bitselect(v, b, take));
        }
        for (; j < inner; j++) {
          const v = ldf(p, j);
          if (better(op, v, ldf(q, j))) stf(q, j, v);
        }
      }
    }
    return;
  }
  const isProd = op == R_PROD;
  const divisor = <f64>reduce;
  if (inner == 1) {
    for (let o = 0; o < outer; o++) {
      const p = x + (<usize>(o * reduce) << 2);
      let acc: f64;
      if (isProd) {
        acc = 1;
        for (let r = 0; r < reduce; r++) acc *= <f64>ldf(p, r);
      } else {
        acc = sumRow64(p, reduce);
      }
      stf(out, o, <f32>(op == R_MEAN ? acc / divisor : acc));
    }
    return;
  }
  for (let o = 0; o < outer; o++) {
    const init: f64 = isProd ? 1 : 0;
    for (let j = 0; j < inner; j++) std(scratch, j, init);
    for (let r = 0; r < reduce; r++) {
      const p = x + (<usize>((o * reduce + r) * inner) << 2);
      if (isProd) {
        for (let j = 0; j < inner; j++) std(scratch, j, ldd(scratch, j) * <f64>ldf(p, j));
      } else {
        let j = 0;
        for (; j + 4 <= inner; j += 4) {
          const v = v128.load(p + (<usize>j << 2));
          const s = scratch + (<usize>j << 3);
          v128.store(s, f64x2.add(v128.load(s), f64x2.promote_low_f32x4(v)));
          v128.store(s + 16, f64x2.add(v128.load(s + 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1))));
        }
        for (; j < inner; j++) std(scratch, j, ldd(scratch, j) + <f64>ldf(p, j));
      }
    }
    const q = out + (<usize>(o * inner) << 2);
    for (let j = 0; j < inner; j++) {
      const acc = ldd(scratch, j);
      stf(q, j, <f32>(op == R_MEAN ? acc / divisor : acc));
    }
  }
}

/** int32 sum / prod (wrapping) and max / min. */
export function reduceI32(op: i32, x: usize, out: usize, outer: i32, reduce: i32, inner: i32): void {
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      let acc: i32 = op == R_SUM ? 0 : op == R_PROD ? 1 : op == R_MAX ? i32.MIN_VALUE : i32.MAX_VALUE;
      let s = o * reduce * inner + j;
      for (let r = 0; r < reduce; r++, s += inner) {
        const v = ldi(x, s);
        if (op == R_SUM) acc += v;
        else if (op == R_PROD) acc *= v;
        else if (op == R_MAX) acc = v > acc ? v : acc;
        else acc = v < acc ? v : acc;
      }
      sti(out, o * inner + j, acc);
    }
  }
}

/** argMax (isMax) / argMin: index of the first extremum, the first NaN counting as the extremum. */
export function argReduce(isMax: bool, isInt: bool, x: usize, out: usize, outer: i32, reduce: i32, inner: i32): void {
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      let s = o * reduce * inner + j;
      let where = 0;
      if (isInt) {
        let best = ldi(x, s);
        s += inner;
        for (let r = 1; r < reduce; r++, s += inner) {
          const v = ldi(x, s);
          if (isMax ? v > best : v < best) {
            best = v;
            where = r;
          }
        }
      } else {
        let best = ldf(x, s);
        s += inner;
        for (let r = 1; r < reduce; r++, s += inner) {
          const v = ldf(x, s);
          if ((isMax ? v > best : v < best) || (v != v && best == best)) {
            best = v;
            where = r;
          }
        }
      }
      sti(out, o * inner + j, where);
    }
  }
}

/**
 * Largest of n contiguous floats, ignoring NaN (-Infinity for n = 0 or all NaN): f32x4.pmax is one
 * instruction, where the NaN-propagating f32x4.max is a long sequence on x64 that a running maximum
 * would wait on every step. softmax does not need the NaN: it reaches the sum of exponentials anyway.
 */
@inline function maxRowNoNaN(p: usize, n: i32): f32 {
  let m0 = f32x4.splat(-Infinity);
  let m1 = m0;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const k = p + (<usize>i << 2);
    m0 = f32x4.pmax(m0, v128.load(k));
    m1 = f32x4.pmax(m1, v128.load(k, 16));
  }
  if (i + 4 <= n) {
    m0 = f32x4.pmax(m0, v128.load(p + (<usize>i << 2)));
    i += 4;
  }
  m0 = f32x4.pmax(m0, m1);
  let best = max(max(f32x4.extract_lane(m0, 0), f32x4.extract_lane(m0, 1)), max(f32x4.extract_lane(m0, 2), f32x4.extract_lane(m0, 3)));
  for (; i < n; i++) {
    const v = ldf(p, i);
    if (v > best) best = v;
  }
  return best;
}

/** Lanes [i, n) of a row as one zero-padded vector (the tail of a SIMD loop; 0 < n - i < 4). */
@inline function loadTail(p: usize, i: i32, n: i32): v128 {
  let v = v128.load32_zero(p + (<usize>i << 2));
  if (i + 1 < n) v = f32x4.replace_lane(v, 1, ldf(p, i + 1));
  if (i + 2 < n) v = f32x4.replace_lane(v, 2, ldf(p, i + 2));
  return v;
}

/**
 * out = e^(x - peak) for a row, returning the sum of the exponentials: float32 partial sums in 8 lanes
 * (each adds n / 8 terms in [0, 1], so within n/8 ulp of the lane's total), added in float64 at the end.
 */
@inline function expRow(x: usize, out: usize, n: i32, peak: f32, store: bool): f64 {
  const vp = f32x4.splat(peak);
  let acc0 = f32x4.splat(0);
  let acc1 = f32x4.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const k = <usize>i << 2;
    const e0 = expNegV(f32x4.sub(v128.load(x + k), vp));
    const e1 = expNegV(f32x4.sub(v128.load(x + k, 16), vp));
    if (store) {
      v128.store(out + k, e0);
      v128.store(out + k, e1, 16);
    }
    acc0 = f32x4.add(acc0, e0);
    acc1 = f32x4.add(acc1, e1);
  }
  for (; i < n; i += 4) {
    let e = expNegV(f32x4.sub(i + 4 <= n ? v128.load(x + (<usize>i << 2)) : loadTail(x, i, n), vp));
    if (i + 4 > n) {
      // Lanes past the row are zeroed before they can reach the sum.
      if (i + 1 >= n) e = f32x4.replace_lane(e, 1, 0);
      if (i + 2 >= n) e = f32x4.replace_lane(e, 2, 0);
      e = f32x4.replace_lane(e, 3, 0);
    }
    if (store) {
      if (i + 4 <= n) v128.store(out + (<usize>i << 2), e);
      else {
        stf(out, i, f32x4.extract_lane(e, 0));
        if (i + 1 < n) stf(out, i + 1, f32x4.extract_lane(e, 1));
        if (i + 2 < n) stf(out, i + 2, f32x4.extract_lane(e, 2));
      }
    }
    acc0 = f32x4.add(acc0, e);
  }
  const lo = f64x2.add(f64x2.promote_low_f32x4(acc0), f64x2.promote_low_f32x4(acc1));
  const hi = f64x2.add(
    f64x2.promote_low_f32x4(v128.shuffle<f32>(acc0, acc0, 2, 3, 0, 1)),
    f64x2.promote_low_f32x4(v128.shuffle<f32>(acc1, acc1, 2, 3, 0, 1)),
  );
  const acc = f64x2.add(lo, hi);
  return f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
}

/**
 * softmax (log = false) or logSoftmax along the reduce axis, with the SIMD float32 exp (math.ts) and the
 * sums in float32 lanes added in float64 (last axis) or in float64 (other axes); scratch holds 2*inner float64. A slice holding NaN, or only -Infinity, gives NaN (the
 * peak skips NaN, whose exponential then makes the sum NaN).
 */
export function softmax(log: bool, x: usize, out: usize, outer: i32, reduce: i32, inner: i32, scratch: usize): void {
  if (inner == 1) {
    // The last axis: contiguous rows.
    for (let o = 0; o < outer; o++) {
      const off = <usize>(o * reduce) << 2;
      const px = x + off;
      const po = out + off;
      const peak = maxRowNoNaN(px, reduce);
      const total = expRow(px, po, reduce, peak, !log);
      const vp = f32x4.splat(peak);
      let i = 0;
      if (log) {
        // x - peak - log(total), the log in float64 (once per row).
        const vl = f32x4.splat(<f32>Math.log(total));
        for (; i + 4 <= reduce; i += 4) {
          const k = <usize>i << 2;
          v128.store(po + k, f32x4.sub(f32x4.sub(v128.load(px + k), vp), vl));
        }
        const l = <f32>Math.log(total);
        for (; i < reduce; i++) stf(po, i, ldf(px, i) - peak - l);
      } else {
        const vs = f32x4.splat(<f32>(1 / total));
        for (; i + 4 <= reduce; i += 4) {
          const k = <usize>i << 2;
          v128.store(po + k, f32x4.mul(v128.load(po + k), vs));
        }
        const s = <f32>(1 / total);
        for (; i < reduce; i++) stf(po, i, ldf(po, i) * s);
      }
    }
    return;
  }
  // Inner > 1: SIMD across the inner positions, float32 peaks and float64 sums in scratch.
  const peak = scratch;
  const total = scratch + (<usize>inner << 3);
  for (let o = 0; o < outer; o++) {
    const base = o * reduce * inner;
    for (let j = 0; j < inner; j++) {
      stf(peak, j, -Infinity);
      std(total, j, 0);
    }
    for (let r = 0; r < reduce; r++) {
      const p = x + (<usize>(base + r * inner) << 2);
      let j = 0;
      for (; j + 4 <= inner; j += 4) {
        const k = <usize>j << 2;
        v128.store(peak + k, f32x4.pmax(v128.load(peak + k), v128.load(p + k)));
      }
      for (; j < inner; j++) {
        const v = ldf(p, j);
        if (v > ldf(peak, j)) stf(peak, j, v);
      }
    }
    for (let r = 0; r < reduce; r++) {
      const off = <usize>(base + r * inner) << 2;
      const p = x + off;
      const q = out + off;
      let j = 0;
      for (; j + 4 <= inner; j += 4) {
        const k = <usize>j << 2;
        const e = expNegV(f32x4.sub(v128.load(p + k), v128.load(peak + k)));
        if (!log) v128.store(q + k, e);
        const s = total + (<usize>j << 3);
        v128.store(s, f64x2.add(v128.load(s), f64x2.promote_low_f32x4(e)));
        v128.store(s + 16, f64x2.add(v128.load(s + 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(e, e, 2, 3, 0, 1))));
      }
      for (; j < inner; j++) {
        const e = f32x4.extract_lane(expNegV(f32x4.splat(ldf(p, j) - ldf(peak, j))), 0);
        if (!log) stf(q, j, e);
        std(total, j, ldd(total, j) + <f64>e);
      }
    }
    // total becomes the float32 factor (1 / total) or subtrahend (log total) per inner position.
    const factor = total;
    for (let j = 0; j < inner; j++) {
      const t = ldd(total, j);
      stf(factor, j, <f32>(log ? Math.log(t) : 1 / t));
    }
    for (let r = 0; r < reduce; r++) {
      const off = <usize>(base + r * inner) << 2;
      const p = x + off;
      const q = out + off;
      let j = 0;
      for (; j + 4 <= inner; j += 4) {
        const k = <usize>j << 2;
        const f = v128.load(factor + k);
        if (log) v128.store(q + k, f32x4.sub(f32x4.sub(v128.load(p + k), v128.load(peak + k)), f));
        else v128.store(q + k, f32x4.mul(v128.load(q + k), f));
      }
      for (; j < inner; j++) {
        if (log) stf(q, j, ldf(p, j) - ldf(peak, j) - ldf(factor, j));
        else stf(q, j, ldf(q, j) * ldf(factor, j));
      }
    }
  }
}

/** Mean and biased variance (two passes in float64); scratch holds 2*inner float64. */
export function moments(x: usize, mean: usize, variance: usize, outer: i32, reduce: i32, inner: i32, scratch: usize): void {
  const mu = scratch;
  const sq = scratch + (<usize>inner << 3);
  const count = <f64>reduce;
  for (let o = 0; o < outer; o++) {
    const base = o * reduce * inner;
    for (let j = 0; j < inner; j++) {
      std(mu, j, 0);
      std(sq, j, 0);
    }
    if (inner == 1) {
      std(mu, 0, sumRow64(x + (<usize>base << 2), reduce));
    } else {
      for (let r = 0, s = base; r < reduce; r++) {
        for (let j = 0; j < inner; j++, s++) std(mu, j, ldd(mu, j) + <f64>ldf(x, s));
      }
    }
    for (let j = 0; j < inner; j++) std(mu, j, ldd(mu, j) / count);
    for (let r = 0, s = base; r < reduce; r++) {
      for (let j = 0; j < inner; j++, s++) {
        const d = <f64>ldf(x, s) - ldd(mu, j);
        std(sq, j, ldd(sq, j) + d * d);
      }
    }
    for (let j = 0; j < inner; j++) {
      stf(mean, o * inner + j, <f32>ldd(mu, j));
      stf(variance, o * inner + j, <f32>(ldd(sq, j) / count));
    }
  }
}
