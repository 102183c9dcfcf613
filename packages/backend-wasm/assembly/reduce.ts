// Reductions over a contiguous [outer, reduce, inner] view (the JS side transposes other layouts first):
// sum / mean / prod accumulate in float64, max / min propagate NaN, argMax / argMin, and the fused softmax,
// logSoftmax and moments. `scratch` is float64 space for `inner` (or 2*inner) accumulators.

import { ldd, ldf, ldi, std, stf, sti } from './common';

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

/** softmax (log = false) or logSoftmax along the reduce axis; scratch holds 2*inner float64. */
export function softmax(log: bool, x: usize, out: usize, outer: i32, reduce: i32, inner: i32, scratch: usize): void {
  const peak = scratch;
  const total = scratch + (<usize>inner << 3);
  for (let o = 0; o < outer; o++) {
    const base = o * reduce * inner;
    for (let j = 0; j < inner; j++) {
      std(peak, j, -Infinity);
      std(total, j, 0);
    }
    for (let r = 0, s = base; r < reduce; r++) {
      for (let j = 0; j < inner; j++, s++) {
        const v = <f64>ldf(x, s);
        const p = ldd(peak, j);
        if (v > p || v != v) std(peak, j, v);
      }
    }
    for (let r = 0, s = base; r < reduce; r++) {
      for (let j = 0; j < inner; j++, s++) {
        const e = Math.exp(<f64>ldf(x, s) - ldd(peak, j));
        std(total, j, ldd(total, j) + e);
        if (!log) stf(out, s, <f32>e);
      }
    }
    if (log) {
      for (let j = 0; j < inner; j++) std(total, j, Math.log(ldd(total, j)));
      for (let r = 0, s = base; r < reduce; r++) {
        for (let j = 0; j < inner; j++, s++) {
          stf(out, s, <f32>(<f64>ldf(x, s) - ldd(peak, j) - ldd(total, j)));
        }
      }
    } else {
      for (let r = 0, s = base; r < reduce; r++) {
        for (let j = 0; j < inner; j++, s++) stf(out, s, <f32>(<f64>ldf(out, s) / ldd(total, j)));
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
