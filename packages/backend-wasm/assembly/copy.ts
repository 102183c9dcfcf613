// Data movement: the strided copy behind transpose, broadcastTo, slice, pad and concat; gather and its
// adjoint scatterAdd.

import { advance, innerStride, ldf, ldi, metaRowLen, metaRows, offsetOf, stf } from './common';

/**
 * Copies over a 2-operand walk [dst, src]; `shift` is log2 of the element size (0 for bool, 2 for 4-byte
 * elements). Contiguous rows become memory.copy.
 */
export function copyStrided(shift: i32, dst: usize, src: usize, m: usize): void {
  const n = metaRowLen(m);
  const rows = metaRows(m);
  const ds = innerStride(m, 0);
  const ss = innerStride(m, 1);
  const outer = ldi(m, 1);
  if (shift == 2 && outer >= 1 && ds == 1 && ss > 1 && n >= TILE) {
    // A transpose of the two innermost dims (the source is contiguous along the outer one): tile it so
    // both sides stay in cache.
    const d = ldi(m, 4 + 2 + outer - 1);
    const dOuter = ldi(m, 4 + 2 + outer + outer - 1);
    const sOuter = ldi(m, 4 + 2 + outer + outer + outer - 1);
    if (sOuter == 1 && d >= TILE) {
      for (let r = 0; r < rows; r += d) {
        transposeTiles(dst + (<usize>offsetOf(m, 0) << 2), dOuter, src + (<usize>offsetOf(m, 1) << 2), ss, d, n);
        for (let k = 0; k < d && r + k + 1 < rows; k++) advance(m);
      }
      return;
    }
  }
  for (let r = 0; r < rows; r++) {
    const d = dst + ((<usize>offsetOf(m, 0)) << shift);
    const s = src + ((<usize>offsetOf(m, 1)) << shift);
    if (ds == 1 && ss == 1) {
      memory.copy(d, s, (<usize>n) << shift);
    } else if (shift == 2) {
      if (ss == 0) {
        const v = load<i32>(s);
        for (let i = 0; i < n; i++) store<i32>(d + ((<usize>(i * ds)) << 2), v);
      } else {
        for (let i = 0; i < n; i++)
          store<i32>(d + ((<usize>(i * ds)) << 2), load<i32>(s + ((<usize>(i * ss)) << 2)));
      }
    } else {
      for (let i = 0; i < n; i++) store<u8>(d + <usize>(i * ds), load<u8>(s + <usize>(i * ss)));
    }
    if (r + 1 < rows) advance(m);
  }
}

const TILE = 16;

/** dst[i*dRow + j] = src[i + j*sCol] for i < d, j < n, in TILE x TILE blocks. */
function transposeTiles(dst: usize, dRow: i32, src: usize, sCol: i32, d: i32, n: i32): void {
  for (let i0 = 0; i0 < d; i0 += TILE) {
    const i1 = min(d, i0 + TILE);
    for (let j0 = 0; j0 < n; j0 += TILE) {
      const j1 = min(n, j0 + TILE);
      for (let i = i0; i < i1; i++) {
        const pd = dst + (<usize>(i * dRow) << 2);
        const ps = src + (<usize>i << 2);
        for (let j = j0; j < j1; j++) store<i32>(pd + (<usize>j << 2), load<i32>(ps + (<usize>(j * sCol) << 2)));
      }
    }
  }
}

/** Fills `n` 4-byte elements with the bit pattern `bits`. */
export function fill32(dst: usize, bits: i32, n: i32): void {
  if (bits == 0) {
    memory.fill(dst, 0, (<usize>n) << 2);
    return;
  }
  const v = i32x4.splat(bits);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + ((<usize>i) << 2), v);
  for (; i < n; i++) store<i32>(dst + ((<usize>i) << 2), bits);
}

export function fill8(dst: usize, value: u8, n: i32): void {
  memory.fill(dst, value, <usize>n);
}

/**
 * Checks int32 indices against an axis of `size` and rewrites negative ones in place into `norm`.
 * Returns -1 when all are valid, else the position of the first bad index.
 */
export function normalizeIndices(idx: usize, norm: usize, count: i32, size: i32): i32 {
  for (let j = 0; j < count; j++) {
    const raw = ldi(idx, j);
    const i = raw < 0 ? raw + size : raw;
    if (i < 0 || i >= size) return j;
    store<i32>(norm + ((<usize>j) << 2), i);
  }
  return -1;
}

/** out[o, j, i] = x[o, idx[j], i] with normalized indices; `shift` is log2 of the element size. */
export function gather(
  shift: i32,
  x: usize,
  idx: usize,
  out: usize,
  outer: i32,
  axisSize: i32,
  inner: i32,
  count: i32,
): void {
  const rowBytes = (<usize>inner) << shift;
  let d = out;
  for (let o = 0; o < outer; o++) {
    const base = x + ((<usize>(o * axisSize * inner)) << shift);
    for (let j = 0; j < count; j++) {
      const s = base + <usize>ldi(idx, j) * rowBytes;
      if (inner == 1) {
        if (shift == 2) store<i32>(d, load<i32>(s));
        else store<u8>(d, load<u8>(s));
      } else {
        memory.copy(d, s, rowBytes);
      }
      d += rowBytes;
    }
  }
}

/** out (zeroed) [o, idx[j], i] += dy[o, j, i], float32. */
export function scatterAddF32(
  dy: usize,
  idx: usize,
  out: usize,
  outer: i32,
  size: i32,
  inner: i32,
  count: i32,
): void {
  let s = 0;
  for (let o = 0; o < outer; o++) {
    const base = o * size * inner;
    for (let j = 0; j < count; j++) {
      const d = base + ldi(idx, j) * inner;
      let i = 0;
      const pd = out + ((<usize>d) << 2);
      const ps = dy + ((<usize>s) << 2);
      for (; i + 4 <= inner; i += 4) {
        const k = (<usize>i) << 2;
        v128.store(pd + k, f32x4.add(v128.load(pd + k), v128.load(ps + k)));
      }
      for (; i < inner; i++) stf(pd, i, ldf(pd, i) + ldf(ps, i));
      s += inner;
    }
  }
}
