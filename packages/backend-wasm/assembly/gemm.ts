// C (+)= A·B in float32 with SIMD128: operands are strided (row stride, column stride in elements), so
// transposed operands are handled by the packing, never by copying. Goto-style blocking: a KC x NC block of
// B is packed into NR-wide panels (L2/L3), an MC x KC block of A into MR-tall panels (L2), and a 4x8
// register-blocked micro-kernel (8 f32x4 accumulators, A broadcast by load32_splat) sweeps them.

export const MR = 4;
export const NR = 8;
// KC = 512: a 4 x KC A micro-panel (8 KiB) and an 8 x KC B micro-panel (16 KiB) stay in a 48 KiB L1d; the
// KC x NC packed B block (1 MiB) and the MC x KC A block (128 KiB) in a 2 MiB L2. Against KC = 256, MC = 128:
// half the C read-modify-write passes for k > 256, about 4% faster at 1024 (kernel alone, SIMD128, V8 11).
export const KC = 512;
export const MC = 64;
export const NC = 512;
/** Bytes of workspace gemm needs: packed A, packed B, one edge tile, and KC zeros (convGemm's padding). */
export const GEMM_WORKSPACE: i32 = (MC * KC + KC * NC + MR * NR + KC) * 4;

@inline function packA(a: usize, ars: i32, acs: i32, ic: i32, mc: i32, pc: i32, kc: i32, dst: usize): void {
  let d = dst;
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    const base = a + (<usize>((ic + ir) * ars + pc * acs) << 2);
    if (rows == MR) {
      if (ars == 1) {
        for (let p = 0; p < kc; p++, d += 16) v128.store(d, v128.load(base + (<usize>(p * acs) << 2)));
      } else if (acs == 1) {
        // Row-major A (a plain matmul, an NHWC column matrix): 4x4 blocks transposed in registers.
        const r1 = <usize>ars << 2;
        const r2 = r1 << 1;
        const r3 = r1 + r2;
        let p = 0;
        for (; p + 4 <= kc; p += 4, d += 64) {
          const s = base + (<usize>p << 2);
          const x0 = v128.load(s);
          const x1 = v128.load(s + r1);
          const x2 = v128.load(s + r2);
          const x3 = v128.load(s + r3);
          const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
          const t1 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
          const t2 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
          const t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
          v128.store(d, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
          v128.store(d + 16, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
          v128.store(d + 32, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
          v128.store(d + 48, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
        }
        for (; p < kc; p++, d += 16) {
          const s = base + (<usize>p << 2);
          store<f32>(d, load<f32>(s));
          store<f32>(d + 4, load<f32>(s + r1));
          store<f32>(d + 8, load<f32>(s + r2));
          store<f32>(d + 12, load<f32>(s + r3));
        }
      } else {
        const r1 = <usize>ars << 2;
        const r2 = r1 << 1;
        const r3 = r1 + r2;
        for (let p = 0; p < kc; p++, d += 16) {
          const s = base + (<usize>(p * acs) << 2);
          store<f32>(d, load<f32>(s));
          store<f32>(d + 4, load<f32>(s + r1));
          store<f32>(d + 8, load<f32>(s + r2));
          store<f32>(d + 12, load<f32>(s + r3));
        }
      }
    } else {
      for (let p = 0; p < kc; p++, d += 16) {
        const s = base + (<usize>(p * acs) << 2);
        for (let r = 0; r < MR; r++) {
          store<f32>(d + (<usize>r << 2), r < rows ? load<f32>(s + (<usize>(r * ars) << 2)) : 0);
        }
      }
    }
  }
}

@inline function packB(b: usize, brs: i32, bcs: i32, pc: i32, kc: i32, jc: i32, nc: i32, dst: usize): void {
  let d = dst;
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = min(NR, nc - jr);
    const base = b + (<usize>(pc * brs + (jc + jr) * bcs) << 2);
    if (cols == NR && bcs == 1) {
      for (let p = 0; p < kc; p++, d += 32) {
        const s = base + (<usize>(p * brs) << 2);
        v128.store(d, v128.load(s));
        v128.store(d + 16, v128.load(s + 16));
      }
    } else if (cols == NR) {
      const c1 = <usize>bcs << 2;
      for (let p = 0; p < kc; p++, d += 32) {
        let s = base + (<usize>(p * brs) << 2);
        store<f32>(d, load<f32>(s));
        store<f32>(d + 4, load<f32>((s += c1)));
        store<f32>(d + 8, load<f32>((s += c1)));
        store<f32>(d + 12, load<f32>((s += c1)));
        store<f32>(d + 16, load<f32>((s += c1)));
        store<f32>(d + 20, load<f32>((s += c1)));
        store<f32>(d + 24, load<f32>((s += c1)));
        store<f32>(d + 28, load<f32>((s += c1)));
      }
    } else {
      for (let p = 0; p < kc; p++, d += 32) {
        const s = base + (<usize>(p * brs) << 2);
        for (let j = 0; j < NR; j++) {
          store<f32>(d + (<usize>j << 2), j < cols ? load<f32>(s + (<usize>(j * bcs) << 2)) : 0);
        }
      }
    }
  }
}

/**
 * c + a*b per lane. The relaxed-SIMD build (--enable relaxed-simd) uses relaxed_madd, a fused multiply-add
 * where the hardware has one; the baseline build multiplies and adds.
 */
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/** One 4x8 tile: kc rank-1 updates from packed panels; stores (add = false) or adds into c (ldc floats). */
@inline function micro(kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, add: bool): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = madd(a, b0, c00);
    c01 = madd(a, b1, c01);
    a = v128.load32_splat(pa, 4);
    c10 = madd(a, b0, c10);
    c11 = madd(a, b1, c11);
    a = v128.load32_splat(pa, 8);
    c20 = madd(a, b0, c20);
    c21 = madd(a, b1, c21);
    a = v128.load32_splat(pa, 12);
    c30 = madd(a, b0, c30);
    c31 = madd(a, b1, c31);
    pa += 16;
    pb += 32;
  }
  const r = <usize>ldc << 2;
  const c1 = c + r;
  const c2 = c1 + r;
  const c3 = c2 + r;
  if (add) {
    c00 = f32x4.add(c00, v128.load(c));
    c01 = f32x4.add(c01, v128.load(c, 16));
    c10 = f32x4.add(c10, v128.load(c1));
    c11 = f32x4.add(c11, v128.load(c1, 16));
    c20 = f32x4.add(c20, v128.load(c2));
    c21 = f32x4.add(c21, v128.load(c2, 16));
    c30 = f32x4.add(c30, v128.load(c3));
    c31 = f32x4.add(c31, v128.load(c3, 16));
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c1, c10);
  v128.store(c1, c11, 16);
  v128.store(c2, c20);
  v128.store(c2, c21, 16);
  v128.store(c3, c30);
  v128.store(c3, c31, 16);
}

/** Thin or tiny products: plain loops, float32 accumulation, any strides. */
function gemmSmall(
  m: i32, n: i32, k: i32,
  a: usize, ars: i32, acs: i32,
  b: usize, brs: i32, bcs: i32,
  c: usize, crs: i32, ccs: i32,
  accumulate: bool,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let pa = a + (<usize>(i * ars) << 2);
      let pb = b + (<usize>(j * bcs) << 2);
      const sa = <usize>acs << 2;
      const sb = <usize>brs << 2;
      let s: f32 = 0;
      for (let p = 0; p < k; p++, pa += sa, pb += sb) s += load<f32>(pa) * load<f32>(pb);
      const pc = c + (<usize>(i * crs + j * ccs) << 2);
      store<f32>(pc, accumulate ? load<f32>(pc) + s : s);
    }
  }
}

/** The blocked product (packed panels and the micro-kernel). */
@inline function gemmBlocked(
  m: i32, n: i32, k: i32,
  a: usize, ars: i32, acs: i32,
  b: usize, brs: i32, bcs: i32,
  c: usize, crs: i32, ccs: i32,
  accumulate: bool,
  work: usize,
): void {
  const pA = work;
  const pB = work + (<usize>(MC * KC) << 2);
  const tile = pB + (<usize>(KC * NC) << 2);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packB(b, brs, bcs, pc, kc, jc, nc, pB);
      const add = accumulate || pc > 0;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA(a, ars, acs, ic, mc, pc, kc, pA);
        macro(mc, nc, kc, pA, pB, c + (<usize>(ic * crs + jc * ccs) << 2), crs, ccs, add, tile);
      }
    }
  }
}

/** C (+)= the packed mc x kc A block times the packed kc x nc B block, tile by tile. */
@inline function macro(
  mc: i32, nc: i32, kc: i32,
  pA: usize, pB: usize,
  c: usize, crs: i32, ccs: i32,
  add: bool,
  tile: usize,
): void {
  if (<i64>nc * kc <= SMALL_B) {
    // The whole B block fits in L1 next to one A micro-panel: sweep B for each A micro-panel, so neither
    // leaves L1 (narrow products: convolutions' few output channels).
    for (let ir = 0; ir < mc; ir += MR) {
      const pa = pA + (<usize>(ir * kc) << 2);
      for (let jr = 0; jr < nc; jr += NR) {
        tileAt(mc, nc, kc, pa, pB, ir, jr, c, crs, ccs, add, tile);
      }
    }
    return;
  }
  for (let jr = 0; jr < nc; jr += NR) {
    for (let ir = 0; ir < mc; ir += MR) {
      tileAt(mc, nc, kc, pA + (<usize>(ir * kc) << 2), pB, ir, jr, c, crs, ccs, add, tile);
    }
  }
}

/** Floats of packed B under which macro sweeps B once per A micro-panel (L1-resident B). */
const SMALL_B: i64 = 6144;

/** The tile at (ir, jr) of the block: the micro-kernel into C, or through `tile` at the edges. */
@inline function tileAt(
  mc: i32, nc: i32, kc: i32,
  pa: usize, pB: usize, ir: i32, jr: i32,
  c: usize, crs: i32, ccs: i32,
  add: bool,
  tile: usize,
): void {
  const nr = min(NR, nc - jr);
  const mr = min(MR, mc - ir);
  const pb = pB + (<usize>(jr * kc) << 2);
  const cp = c + (<usize>(ir * crs + jr * ccs) << 2);
  if (mr == MR && nr == NR && ccs == 1) {
    if (add) micro(kc, pa, pb, cp, crs, true);
    else micro(kc, pa, pb, cp, crs, false);
  } else {
    micro(kc, pa, pb, tile, NR, false);
    for (let i = 0; i < mr; i++) {
      for (let j = 0; j < nr; j++) {
        const q = cp + (<usize>(i * crs + j * ccs) << 2);
        const v = load<f32>(tile + (<usize>(i * NR + j) << 2));
        store<f32>(q, add ? load<f32>(q) + v : v);
      }
    }
  }
}

/**
 * C = A·B (accumulate = false) or C += A·B; A is m x k, B k x n, C m x n, each as pointer + (row, column)
 * strides in elements. `work` points to GEMM_WORKSPACE bytes.
 */
export function gemm(
  m: i32, n: i32, k: i32,
  a: usize, ars: i32, acs: i32,
  b: usize, brs: i32, bcs: i32,
  c: usize, crs: i32, ccs: i32,
  accumulate: bool,
  work: usize,
): void {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    if (!accumulate) {
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) store<f32>(c + (<usize>(i * crs + j * ccs) << 2), 0);
    }
    return;
  }
  if (n < 4 || (m < MR && n < NR) || <i64>m * n * k <= 4096) {
    gemmSmall(m, n, k, a, ars, acs, b, brs, bcs, c, crs, ccs, accumulate);
    return;
  }
  gemmBlocked(m, n, k, a, ars, acs, b, brs, bcs, c, crs, ccs, accumulate, work);
}

// ---- Convolution as an implicit gemm (NHWC data, taps ordered (kh, kw, c) like an HWIO filter) --------
// Y(p, o) = sum_r col(p, r) W(r, o) without a column matrix: the A panels are packed straight from x (the
// im2col is fused into packA), so per block only MC x KC floats are written instead of P x R. The blocking,
// packing order and micro-kernel are gemm's, so every output element sees the same arithmetic as
// im2col + gemm (bit-identical). Geometry block: see conv.ts.

/** Packs positions [pos, pos + mc) x taps [pc, pc + kc) of the virtual column matrix into MR-tall panels. */
@inline function packConvA(
  g: usize, xb: usize, pos: i32, mc: i32, pc: i32, kc: i32, dst: usize, zero: usize,
): void {
  const xsh = load<i32>(g, 8);
  const xsw = load<i32>(g, 12);
  const outW = load<i32>(g, 32);
  const strideH = load<i32>(g, 36);
  const strideW = load<i32>(g, 40);
  const padTop = load<i32>(g, 44);
  const padLeft = load<i32>(g, 48);
  const dilH = load<i32>(g, 52);
  const dilW = load<i32>(g, 56);
  const inH = load<i32>(g, 60);
  const inW = load<i32>(g, 64);
  const kW = load<i32>(g, 72);
  const cin = load<i32>(g, 76);
  const rowTaps = kW * cin;
  // The first tap's (kh, kw, c): taps run (kh, kw, c), c fastest.
  const kh0 = pc / rowTaps;
  const kw0 = (pc - kh0 * rowTaps) / cin;
  const c0 = pc - kh0 * rowTaps - kw0 * cin;
  let d = dst;
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    // Each row's top-left input pixel (a row past the block reads zeros: ih0 = -inH*dilH... is never inside).
    const p0 = pos + ir;
    const oh0 = p0 / outW;
    const ow0 = p0 - oh0 * outW;
    let ih0 = oh0 * strideH - padTop;
    let iw0 = ow0 * strideW - padLeft;
    let ow = ow0 + 1;
    let oh = oh0;
    if (ow == outW) { ow = 0; oh++; }
    let ih1 = rows > 1 ? oh * strideH - padTop : -0x3fffffff;
    let iw1 = ow * strideW - padLeft;
    if (++ow == outW) { ow = 0; oh++; }
    let ih2 = rows > 2 ? oh * strideH - padTop : -0x3fffffff;
    let iw2 = ow * strideW - padLeft;
    if (++ow == outW) { ow = 0; oh++; }
    let ih3 = rows > 3 ? oh * strideH - padTop : -0x3fffffff;
    let iw3 = ow * strideW - padLeft;
    let t = pc;
    const end = pc + kc;
    let kh = kh0;
    let kw = kw0;
    let c = c0;
    let dh = kh * dilH;
    let dw = kw * dilW;
    while (t < end) {
      let ih = ih0 + dh;
      let iw = iw0 + dw;
      const in0 = <u32>ih < <u32>inH;
      const s0 = in0 && <u32>iw < <u32>inW ? xb + (<usize>(ih * xsh + iw * xsw + c) << 2) : zero;
      ih = ih1 + dh;
      iw = iw1 + dw;
      const in1 = <u32>ih < <u32>inH;
      const s1 = in1 && <u32>iw < <u32>inW ? xb + (<usize>(ih * xsh + iw * xsw + c) << 2) : zero;
      ih = ih2 + dh;
      iw = iw2 + dw;
      const in2 = <u32>ih < <u32>inH;
      const s2 = in2 && <u32>iw < <u32>inW ? xb + (<usize>(ih * xsh + iw * xsw + c) << 2) : zero;
      ih = ih3 + dh;
      iw = iw3 + dw;
      const in3 = <u32>ih < <u32>inH;
      const s3 = in3 && <u32>iw < <u32>inW ? xb + (<usize>(ih * xsh + iw * xsw + c) << 2) : zero;
      // The rest of this pixel's channels (or of kc).
      const len = min(cin - c, end - t);
      let j = 0;
      for (; j + 4 <= len; j += 4, d += 64) {
        const o = <usize>j << 2;
        const x0 = v128.load(s0 + o);
        const x1 = v128.load(s1 + o);
        const x2 = v128.load(s2 + o);
        const x3 = v128.load(s3 + o);
        const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
        const t1 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
        const t2 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
        const t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
        v128.store(d, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
        v128.store(d + 16, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
        v128.store(d + 32, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
        v128.store(d + 48, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
      }
      for (; j < len; j++, d += 16) {
        const o = <usize>j << 2;
        store<f32>(d, load<f32>(s0 + o));
        store<f32>(d + 4, load<f32>(s1 + o));
        store<f32>(d + 8, load<f32>(s2 + o));
        store<f32>(d + 12, load<f32>(s3 + o));
      }
      t += len;
      c += len;
      if (c == cin) {
        c = 0;
        if (++kw == kW) {
          kw = 0;
          kh++;
          dh += dilH;
        }
        dw = kw * dilW;
      }
    }
  }
}

/**
 * Convolution of image n, group `group` for output positions [p0, p1), all cout output channels: the
 * filter W as a (tap, out) matrix f (row / column strides frs, fcs), the output Y as a (position, out)
 * matrix y (yrs, ycs) starting at position 0 of this image and group. Geometry block g as in conv.ts; x
 * must be channels-last with taps ordered (kh, kw, c). `work`: GEMM_WORKSPACE bytes.
 */
export function convGemm(
  g: usize, x: usize, n: i32, group: i32, p0: i32, p1: i32, cout: i32,
  f: usize, frs: i32, fcs: i32,
  y: usize, yrs: i32, ycs: i32,
  work: usize,
): void {
  const m = p1 - p0;
  const taps = load<i32>(g, 88);
  if (m <= 0 || cout <= 0) return;
  const xb = x + (<usize>(n * load<i32>(g, 0) + group * load<i32>(g, 76)) << 2);
  const pA = work;
  const pB = work + (<usize>(MC * KC) << 2);
  const tile = pB + (<usize>(KC * NC) << 2);
  const zero = tile + (<usize>(MR * NR) << 2);
  memory.fill(zero, 0, <usize>KC << 2);
  const c0 = y + (<usize>(p0 * yrs) << 2);
  for (let jc = 0; jc < cout; jc += NC) {
    const nc = min(NC, cout - jc);
    for (let pc = 0; pc < taps; pc += KC) {
      const kc = min(KC, taps - pc);
      packB(f, frs, fcs, pc, kc, jc, nc, pB);
      const add = pc > 0;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packConvA(g, xb, p0 + ic, mc, pc, kc, pA, zero);
        macro(mc, nc, kc, pA, pB, c0 + (<usize>(ic * yrs + jc * ycs) << 2), yrs, ycs, add, tile);
      }
    }
  }
}

/**
 * C = A·B from panels packed by the caller: A as MR-tall panels (mc x kc, kc <= KC), B as NR-wide panels
 * (kc x nc, zero-padded to a multiple of NR); C row stride crs, column stride 1. `tile`: MR x NR floats.
 */
export function gemmPacked(mc: i32, nc: i32, kc: i32, pA: usize, pB: usize, c: usize, crs: i32, tile: usize): void {
  macro(mc, nc, kc, pA, pB, c, crs, 1, false, tile);
}
