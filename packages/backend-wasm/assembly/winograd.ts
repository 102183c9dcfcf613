// Winograd F(2x2, 3x3) for the 3x3, stride-1, undilated, ungrouped NHWC convolution with an HWIO filter:
// each 2x2 block of outputs is computed from a 4x4 input tile with 16 products instead of 36, i.e. 16
// gemms (tiles x cin) . (cin x cout), one per transformed tile element, between an input transform and an
// output transform that are additions only (Lavin & Gray, 2015). 2.25x fewer multiply-adds than im2col;
// all transforms run over 4 channels per SIMD vector (NHWC and HWIO keep channels contiguous).
//
//   U = G g G^T (filter), V = B^T d B (input tile), Y = A^T (U (.) V) A, with
//   G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1], B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1],
//   A^T = [1 1 1 0; 0 1 -1 -1].

import { gemmPacked, MR, NR } from './gemm';

/** Tiles per gemm batch: V (16 x T x cin) and M (16 x T x cout) of a batch stay in L2. */
export const WINOGRAD_TILES: i32 = 64;
/** Bytes of per-thread temporaries of the transforms. */
export const WINOGRAD_TEMP: i32 = 64 * 16 + MR * NR * 4 + MR * 3 * 4;

/** cout rounded up to gemm's panel width. */
@inline function paddedOut(cout: i32): i32 {
  return (cout + NR - 1) & ~(NR - 1);
}

/**
 * U[e] (e = 4 * row + column of the 4x4 transformed tile) from the HWIO filter f[3][3][cin][cout], each a
 * cin x cout matrix packed as gemm's B panels (cout zero-padded to a multiple of NR); u holds
 * 16 * cin * (cout rounded up to 8) floats; temp: WINOGRAD_TEMP bytes (a thread's own: static data is shared).
 */
export function winogradFilter(f: usize, cin: i32, cout: i32, u: usize, temp: usize): void {
  const plane = <usize>(cin * paddedOut(cout)) << 2;
  memory.fill(u, 0, 16 * plane);
  const half = f32x4.splat(0.5);
  for (let c = 0; c < cin; c++) {
    for (let o = 0; o < cout; o += 4) {
      const lanes = min(4, cout - o);
      // g[kh][kw] for 4 output channels.
      const g = temp;
      for (let t = 0; t < 9; t++) {
        const src = f + (<usize>((t * cin + c) * cout + o) << 2);
        if (lanes == 4) v128.store(g + (<usize>t << 4), v128.load(src));
        else for (let l = 0; l < 4; l++) store<f32>(g + (<usize>t << 4) + (<usize>l << 2), l < lanes ? load<f32>(src + (<usize>l << 2)) : 0);
      }
      // t = G g (4 x 3), then U = t G^T (4 x 4).
      const tmp = temp + 9 * 16;
      for (let j = 0; j < 3; j++) {
        const g0 = v128.load(g + (<usize>j << 4));
        const g1 = v128.load(g + (<usize>(3 + j) << 4));
        const g2 = v128.load(g + (<usize>(6 + j) << 4));
        v128.store(tmp + (<usize>j << 4), g0);
        v128.store(tmp + (<usize>(3 + j) << 4), f32x4.mul(f32x4.add(f32x4.add(g0, g1), g2), half));
        v128.store(tmp + (<usize>(6 + j) << 4), f32x4.mul(f32x4.add(f32x4.sub(g0, g1), g2), half));
        v128.store(tmp + (<usize>(9 + j) << 4), g2);
      }
      for (let i = 0; i < 4; i++) {
        const t0 = v128.load(tmp + (<usize>(3 * i) << 4));
        const t1 = v128.load(tmp + (<usize>(3 * i + 1) << 4));
        const t2 = v128.load(tmp + (<usize>(3 * i + 2) << 4));
        const r0 = t0;
        const r1 = f32x4.mul(f32x4.add(f32x4.add(t0, t1), t2), half);
        const r2 = f32x4.mul(f32x4.add(f32x4.sub(t0, t1), t2), half);
        const r3 = t2;
        // Packed as gemm's B panels: U[e][o / NR][c][o % NR].
        const dst = u + (<usize>(((o / NR) * cin + c) * NR + (o % NR)) << 2);
        const e = 4 * i;
        if (lanes == 4) {
          v128.store(dst + <usize>e * plane, r0);
          v128.store(dst + <usize>(e + 1) * plane, r1);
          v128.store(dst + <usize>(e + 2) * plane, r2);
          v128.store(dst + <usize>(e + 3) * plane, r3);
        } else {
          for (let l = 0; l < lanes; l++) {
            const s = <usize>l << 2;
            store<f32>(dst + <usize>e * plane + s, unlane(r0, l));
            store<f32>(dst + <usize>(e + 1) * plane + s, unlane(r1, l));
            store<f32>(dst + <usize>(e + 2) * plane + s, unlane(r2, l));
            store<f32>(dst + <usize>(e + 3) * plane + s, unlane(r3, l));
          }
        }
      }
    }
  }
}

@inline function unlane(v: v128, l: i32): f32 {
  return l == 0 ? f32x4.extract_lane(v, 0) : l == 1 ? f32x4.extract_lane(v, 1) : l == 2 ? f32x4.extract_lane(v, 2) : f32x4.extract_lane(v, 3);
}

/** (B^T d) B, row by row, in place over the 16 vectors at tcol (row-major 4x4). */
@inline function rowPass(tcol: usize): void {
  for (let i = 0; i < 4; i++) {
    const row = tcol + (<usize>(4 * i) << 4);
    const a0 = v128.load(row);
    const a1 = v128.load(row, 16);
    const a2 = v128.load(row, 32);
    const a3 = v128.load(row, 48);
    v128.store(row, f32x4.sub(a0, a2));
    v128.store(row, f32x4.add(a1, a2), 16);
    v128.store(row, f32x4.sub(a2, a1), 32);
    v128.store(row, f32x4.sub(a1, a3), 48);
  }
}

/** One row (4 values x 4 channels) of an input tile: zeros outside the image. */
@inline function inputAt(x: usize, ih: i32, iw: i32, inH: i32, inW: i32, cin: i32, c: i32, lanes: i32): v128 {
  if (<u32>ih >= <u32>inH || <u32>iw >= <u32>inW) return f32x4.splat(0);
  const p = x + (<usize>((ih * inW + iw) * cin + c) << 2);
  if (lanes == 4) return v128.load(p);
  let v = f32x4.splat(0);
  v = f32x4.replace_lane(v, 0, load<f32>(p));
  if (lanes > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (lanes > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  return v;
}

/**
 * The convolution of image x (NHWC [inH, inW, cin], already offset to the image) into y ([outH, outW,
 * cout]) with transformed filter u, pads = padTop << 16 | padLeft, for tile rows [th0, th1) of the
 * ceil(outH / 2) x ceil(outW / 2) tiles. `scratch`: 16 * WINOGRAD_TILES * (cin + cout) floats +
 * WINOGRAD_TEMP bytes, the thread's own. `work` is unused (the panels are written packed here); it keeps
 * the argument layout of the queued calls.
 */
export function winogradConv(
  x: usize, inH: i32, inW: i32, cin: i32,
  y: usize, outH: i32, outW: i32, cout: i32,
  pads: i32,
  u: usize, th0: i32, th1: i32,
  scratch: usize, work: usize,
): void {
  const padTop = pads >>> 16;
  const padLeft = pads & 0xffff;
  const tilesW = (outW + 1) >> 1;
  const v = scratch;
  const mBuf = scratch + (<usize>(16 * WINOGRAD_TILES * cin) << 2);
  const vPlane = <usize>(WINOGRAD_TILES * cin) << 2;
  const mPlane = <usize>(WINOGRAD_TILES * cout) << 2;
  const uPlane = <usize>(cin * paddedOut(cout)) << 2;
  // Per-thread temporaries after V and M: 64 vectors of transformed tiles, gemm's edge tile, tile info.
  const col = mBuf + <usize>16 * mPlane;
  const tile = col + 64 * 16;
  const info = tile + MR * NR * 4;
  const first = th0 * tilesW;
  const last = th1 * tilesW;
  for (let t0 = first; t0 < last; t0 += WINOGRAD_TILES) {
    const count = min(WINOGRAD_TILES, last - t0);
    // Input transform into gemm's packed A panels: V[e][t / MR][c][t % MR], MR tiles at a time (the 16
    // transformed vectors of each tile go through `col`, then 4x4 transposes put tiles in lanes).
    const panels = (count + MR - 1) / MR;
    const rs = <usize>(inW * cin) << 2;
    const cs = <usize>cin << 2;
    for (let tb = 0; tb < panels; tb++) {
      // Each tile's top-left input pixel, and its address when the whole 4x4 tile is inside the image.
      for (let tr = 0; tr < MR; tr++) {
        const t = tb * MR + tr;
        const th = (t0 + t) / tilesW;
        const tw = t0 + t - th * tilesW;
        const ih = 2 * th - padTop;
        const iw = 2 * tw - padLeft;
        const at = info + (<usize>(tr * 3) << 2);
        store<i32>(at, ih);
        store<i32>(at, iw, 4);
        const inside = t < count && ih >= 0 && ih + 4 <= inH && iw >= 0 && iw + 4 <= inW;
        store<i32>(at, inside ? <i32>(x + (<usize>((ih * inW + iw) * cin) << 2)) : 0, 8);
      }
      for (let c = 0; c < cin; c += 4) {
        const lanes = min(4, cin - c);
        for (let tr = 0; tr < MR; tr++) {
          const t = tb * MR + tr;
          const tcol = col + (<usize>(tr * 16) << 4);
          const at = info + (<usize>(tr * 3) << 2);
          const base = <usize>load<i32>(at, 8);
          if (base != 0 && lanes == 4) {
            // Interior tile: plain loads, B^T d column by column.
            const p = base + (<usize>c << 2);
            for (let j = 0; j < 4; j++) {
              const q = p + <usize>j * cs;
              const d0 = v128.load(q);
              const d1 = v128.load(q + rs);
              const d2 = v128.load(q + 2 * rs);
              const d3 = v128.load(q + 3 * rs);
              v128.store(tcol + (<usize>j << 4), f32x4.sub(d0, d2));
              v128.store(tcol + (<usize>(4 + j) << 4), f32x4.add(d1, d2));
              v128.store(tcol + (<usize>(8 + j) << 4), f32x4.sub(d2, d1));
              v128.store(tcol + (<usize>(12 + j) << 4), f32x4.sub(d1, d3));
            }
            rowPass(tcol);
            continue;
          }
          if (t >= count) {
            for (let e = 0; e < 16; e++) v128.store(tcol + (<usize>e << 4), f32x4.splat(0));
            continue;
          }
          const ih = load<i32>(at);
          const iw = load<i32>(at, 4);
          // B^T d, column by column, into tcol[4 * r + j].
          for (let j = 0; j < 4; j++) {
            const d0 = inputAt(x, ih, iw + j, inH, inW, cin, c, lanes);
            const d1 = inputAt(x, ih + 1, iw + j, inH, inW, cin, c, lanes);
            const d2 = inputAt(x, ih + 2, iw + j, inH, inW, cin, c, lanes);
            const d3 = inputAt(x, ih + 3, iw + j, inH, inW, cin, c, lanes);
            v128.store(tcol + (<usize>j << 4), f32x4.sub(d0, d2));
            v128.store(tcol + (<usize>(4 + j) << 4), f32x4.add(d1, d2));
            v128.store(tcol + (<usize>(8 + j) << 4), f32x4.sub(d2, d1));
            v128.store(tcol + (<usize>(12 + j) << 4), f32x4.sub(d1, d3));
          }
          rowPass(tcol);
        }
        // Transpose (tile, channel) to (channel, tile) for each e.
        for (let e = 0; e < 16; e++) {
          const x0 = v128.load(col + (<usize>e << 4));
          const x1 = v128.load(col + (<usize>(16 + e) << 4));
          const x2 = v128.load(col + (<usize>(32 + e) << 4));
          const x3 = v128.load(col + (<usize>(48 + e) << 4));
          const q0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
          const q1 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
          const q2 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
          const q3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
          const d = v + <usize>e * vPlane + (<usize>((tb * cin + c) * MR) << 2);
          v128.store(d, v128.shuffle<f32>(q0, q1, 0, 1, 4, 5));
          if (lanes > 1) v128.store(d + 16, v128.shuffle<f32>(q0, q1, 2, 3, 6, 7));
          if (lanes > 2) v128.store(d + 32, v128.shuffle<f32>(q2, q3, 0, 1, 4, 5));
          if (lanes > 3) v128.store(d + 48, v128.shuffle<f32>(q2, q3, 2, 3, 6, 7));
        }
      }
    }
    // M[e] = V[e] . U[e].
    for (let e = 0; e < 16; e++) {
      gemmPacked(count, cout, cin, v + <usize>e * vPlane, u + <usize>e * uPlane, mBuf + <usize>e * mPlane, cout, tile);
    }
    // Output transform: Y = A^T M A per tile, 4 channels at a time.
    for (let t = 0; t < count; t++) {
      const th = (t0 + t) / tilesW;
      const tw = t0 + t - th * tilesW;
      const oh = 2 * th;
      const ow = 2 * tw;
      const two = oh + 1 < outH;
      const twoW = ow + 1 < outW;
      const mt = mBuf + (<usize>(t * cout) << 2);
      const y00 = y + (<usize>((oh * outW + ow) * cout) << 2);
      const y10 = y00 + (<usize>(outW * cout) << 2);
      const wstep = <usize>cout << 2;
      for (let o = 0; o < cout; o += 4) {
        const lanes = min(4, cout - o);
        const src = mt + (<usize>o << 2);
        // s_j = (A^T M)_{., j}: s0j = m0j + m1j + m2j, s1j = m1j - m2j - m3j.
        let s00: v128, s01: v128, s02: v128, s03: v128, s10: v128, s11: v128, s12: v128, s13: v128;
        {
          const m0 = v128.load(src);
          const m4 = v128.load(src + 4 * mPlane);
          const m8 = v128.load(src + 8 * mPlane);
          const m12 = v128.load(src + 12 * mPlane);
          s00 = f32x4.add(f32x4.add(m0, m4), m8);
          s10 = f32x4.sub(f32x4.sub(m4, m8), m12);
        }
        {
          const m1 = v128.load(src + mPlane);
          const m5 = v128.load(src + 5 * mPlane);
          const m9 = v128.load(src + 9 * mPlane);
          const m13 = v128.load(src + 13 * mPlane);
          s01 = f32x4.add(f32x4.add(m1, m5), m9);
          s11 = f32x4.sub(f32x4.sub(m5, m9), m13);
        }
        {
          const m2 = v128.load(src + 2 * mPlane);
          const m6 = v128.load(src + 6 * mPlane);
          const m10 = v128.load(src + 10 * mPlane);
          const m14 = v128.load(src + 14 * mPlane);
          s02 = f32x4.add(f32x4.add(m2, m6), m10);
          s12 = f32x4.sub(f32x4.sub(m6, m10), m14);
        }
        {
          const m3 = v128.load(src + 3 * mPlane);
          const m7 = v128.load(src + 7 * mPlane);
          const m11 = v128.load(src + 11 * mPlane);
          const m15 = v128.load(src + 15 * mPlane);
          s03 = f32x4.add(f32x4.add(m3, m7), m11);
          s13 = f32x4.sub(f32x4.sub(m7, m11), m15);
        }
        const r00 = f32x4.add(f32x4.add(s00, s01), s02);
        const r01 = f32x4.sub(f32x4.sub(s01, s02), s03);
        const r10 = f32x4.add(f32x4.add(s10, s11), s12);
        const r11 = f32x4.sub(f32x4.sub(s11, s12), s13);
        const p00 = y00 + (<usize>o << 2);
        const p10 = y10 + (<usize>o << 2);
        if (lanes == 4) {
          v128.store(p00, r00);
          if (twoW) v128.store(p00 + wstep, r01);
          if (two) {
            v128.store(p10, r10);
            if (twoW) v128.store(p10 + wstep, r11);
          }
        } else {
          for (let l = 0; l < lanes; l++) {
            const s = <usize>l << 2;
            store<f32>(p00 + s, unlane(r00, l));
            if (twoW) store<f32>(p00 + wstep + s, unlane(r01, l));
            if (two) {
              store<f32>(p10 + s, unlane(r10, l));
              if (twoW) store<f32>(p10 + wstep + s, unlane(r11, l));
            }
          }
        }
      }
    }
  }
}
