// Scalar float64 helpers for the transcendental kernels: erf/erfc (W. J. Cody's rational Chebyshev
// approximations, SPECFUN CALERF) and the numerically stable sigmoid. Float32 results are rounded once.

const ONE_OVER_SQRT_PI: f64 = 0.5641895835477563;

@inline function erfSmall(x: f64): f64 {
  const t = x * x;
  let num = 0.18577770618460315 * t;
  let den = t;
  num = (num + 3.1611237438705655) * t;
  den = (den + 23.601290952344122) * t;
  num = (num + 113.86415415105016) * t;
  den = (den + 244.02463793444417) * t;
  num = (num + 377.485237685302) * t;
  den = (den + 1282.6165260773723) * t;
  return (x * (num + 3209.3775891384694)) / (den + 2844.236833439171);
}

function erfcPositive(y: f64): f64 {
  let r: f64;
  if (y <= 4) {
    let num = 2.1531153547440383e-8 * y;
    let den = y;
    num = (num + 0.5641884969886701) * y;
    den = (den + 15.744926110709835) * y;
    num = (num + 8.883149794388377) * y;
    den = (den + 117.6939508913125) * y;
    num = (num + 66.11919063714163) * y;
    den = (den + 537.1811018620099) * y;
    num = (num + 298.6351381974001) * y;
    den = (den + 1621.3895745666903) * y;
    num = (num + 881.952221241769) * y;
    den = (den + 3290.7992357334597) * y;
    num = (num + 1712.0476126340707) * y;
    den = (den + 4362.619090143247) * y;
    num = (num + 2051.0783778260716) * y;
    den = (den + 3439.3676741437216) * y;
    r = (num + 1230.3393547979972) / (den + 1230.3393548037495);
  } else {
    if (y >= 26.543) return 0;
    const t = 1 / (y * y);
    let num = 0.016315387137302097 * t;
    let den = t;
    num = (num + 0.30532663496123236) * t;
    den = (den + 2.568520192289822) * t;
    num = (num + 0.36034489994980445) * t;
    den = (den + 1.8729528499234604) * t;
    num = (num + 0.12578172611122926) * t;
    den = (den + 0.5279051029514285) * t;
    num = (num + 0.016083785148742275) * t;
    den = (den + 0.06051834131244132) * t;
    r = (t * (num + 0.0006587491615298378)) / (den + 0.0023352049762686918);
    r = (ONE_OVER_SQRT_PI - r) / y;
  }
  const s = Math.trunc(y * 16) / 16;
  const del = (y - s) * (y + s);
  return Math.exp(-s * s) * Math.exp(-del) * r;
}

export function erf64(x: f64): f64 {
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  if (x != x) return x;
  const e = 0.5 - erfcPositive(y) + 0.5;
  return x < 0 ? -e : e;
}

export function erfc64(x: f64): f64 {
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  if (x != x) return x;
  const e = erfcPositive(y);
  return x < 0 ? 2 - e : e;
}

/**
 * 1 / (1 + e^-v) in float64, branch-free: e^-v overflows to Infinity only past v ~ -709, where the result is
 * exactly 0 anyway; float64 keeps full float32 accuracy in both tails and saturates exactly at +-300.
 */
@inline export function sigmoid64(v: f64): f64 {
  return 1 / (1 + Math.exp(-v));
}

/** base^exponent in wrapping int32 arithmetic; negative exponents truncate like the float result. */
export function intPow(base: i32, exponent: i32): i32 {
  if (exponent < 0) {
    const p = Math.pow(<f64>base, <f64>exponent);
    return p != p || !isFinite(p) ? 0 : <i32>Math.trunc(p);
  }
  let result: i32 = 1;
  while (exponent > 0) {
    if (exponent & 1) result = result * base;
    base = base * base;
    exponent = <i32>(<u32>exponent >> 1);
  }
  return result;
}

// ---- SIMD float32 exp family -----------------------------------------------------------------------
// e^x = 2^n * e^r with n = round(x / ln 2) and r = x - n ln 2 (Cody-Waite: ln 2 split in two, the high
// part exact in a few bits, so n * LN2_HI is exact), |r| <= ln 2 / 2; e^r = 1 + r + r^2 P(r) with Cephes'
// degree-5 minimax P (under 2 ulp over the range). x is clamped to [-104, 89] first: below, e^x rounds to
// 0 (the smallest subnormal is 2^-149 ~ e^-103.3); above, 2^n overflows to +Infinity as it should. 2^n is
// applied as two factors 2^(n>>1) and 2^(n - (n>>1)), each a normal float, so results in the subnormal
// range come out right and n = 128 overflows to Infinity. The clamp (f32x4.min/max) propagates NaN.

// Every constant is read from a table of pre-splatted vectors in static memory (one load each): V8
// rebuilds a v128.const in registers on every use (several instructions), and Binaryen folds constants
// kept in locals back into v128.const, so the table is the cheap way to keep them out of the loops.
const K_HI = 0; // 89: above, e^x overflows
const K_LO = 1; // -104: below, e^x rounds to 0
const K_LOG2E = 2;
const K_ROUNDER = 3; // 1.5 * 2^23: adding it rounds a float below 2^22 in magnitude to an integer
const K_LN2_HI = 4;
const K_LN2_LO = 5;
const K_P0 = 6;
const K_ONE = 12;
const K_EXPM1_HI = 13; // 80: above, e^x - 1 is e^x (expm1 switches to the two-factor scaling)
const K_BIAS = 14; // 127 (int32 lanes): the float exponent bias
const K_TWO = 15;
const K_TINY = 16; // 2^-30: below, e^x - 1 rounds to x
const K_MIN_EXP = 17; // -126 (int32 lanes)
const K_NORMAL_LO = 18; // -87.33654 = ln 2^-126: below, e^x is subnormal
const EXP_K = memory.data<u32>(
  [
    0x42b20000, 0x42b20000, 0x42b20000, 0x42b20000, // 89
    0xc2d00000, 0xc2d00000, 0xc2d00000, 0xc2d00000, // -104
    0x3fb8aa3b, 0x3fb8aa3b, 0x3fb8aa3b, 0x3fb8aa3b, // log2(e)
    0x4b400000, 0x4b400000, 0x4b400000, 0x4b400000, // 12582912
    0x3f318000, 0x3f318000, 0x3f318000, 0x3f318000, // ln 2, high part 0.693359375
    0xb95e8083, 0xb95e8083, 0xb95e8083, 0xb95e8083, // ln 2, low part -2.12194440e-4
    0x39506967, 0x39506967, 0x39506967, 0x39506967, // P0 1.9875691500e-4 (Cephes expf)
    0x3ab743ce, 0x3ab743ce, 0x3ab743ce, 0x3ab743ce, // P1 1.3981999507e-3
    0x3c088908, 0x3c088908, 0x3c088908, 0x3c088908, // P2 8.3334519073e-3
    0x3d2aa9c1, 0x3d2aa9c1, 0x3d2aa9c1, 0x3d2aa9c1, // P3 4.1665795894e-2
    0x3e2aaaaa, 0x3e2aaaaa, 0x3e2aaaaa, 0x3e2aaaaa, // P4 1.6666665459e-1
    0x3f000000, 0x3f000000, 0x3f000000, 0x3f000000, // P5 5.0000001201e-1
    0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, // 1
    0x42a00000, 0x42a00000, 0x42a00000, 0x42a00000, // 80
    0x0000007f, 0x0000007f, 0x0000007f, 0x0000007f, // 127
    0x40000000, 0x40000000, 0x40000000, 0x40000000, // 2
    0x30800000, 0x30800000, 0x30800000, 0x30800000, // 2^-30
    0xffffff82, 0xffffff82, 0xffffff82, 0xffffff82, // -126
    0xc2aeac4f, 0xc2aeac4f, 0xc2aeac4f, 0xc2aeac4f, // -87.33654
  ],
  16,
);

@inline function kv(i: i32): v128 {
  return v128.load(EXP_K + (<usize>i << 4));
}

/** 2^n for integer lanes n in [-126, 127]. */
@inline function pow2i(n: v128): v128 {
  return i32x4.shl(i32x4.add(n, kv(K_BIAS)), 23);
}

/** e^r - 1 for |r| <= ln 2 / 2: r + r^2 P(r), without the cancellation of e^r - 1. */
@inline function expm1Reduced(r: v128): v128 {
  let p = f32x4.add(f32x4.mul(kv(K_P0), r), kv(K_P0 + 1));
  p = f32x4.add(f32x4.mul(p, r), kv(K_P0 + 2));
  p = f32x4.add(f32x4.mul(p, r), kv(K_P0 + 3));
  p = f32x4.add(f32x4.mul(p, r), kv(K_P0 + 4));
  p = f32x4.add(f32x4.mul(p, r), kv(K_P0 + 5));
  return f32x4.add(f32x4.mul(f32x4.mul(r, r), p), r);
}

/** e^x per lane, float32, within 1 ulp; e^NaN = NaN, e^Inf = Inf, e^-Inf = 0, subnormal results kept. */
@inline export function expV(x: v128): v128 {
  // Clamp; NaN stays NaN (pmin/pmax keep their first operand when the comparison fails).
  const c = f32x4.pmax(f32x4.pmin(x, kv(K_HI)), kv(K_LO));
  const t = f32x4.add(f32x4.mul(c, kv(K_LOG2E)), kv(K_ROUNDER));
  const fn = f32x4.sub(t, kv(K_ROUNDER));
  const n = i32x4.sub(t, kv(K_ROUNDER));
  const r = f32x4.sub(f32x4.sub(c, f32x4.mul(fn, kv(K_LN2_HI))), f32x4.mul(fn, kv(K_LN2_LO)));
  const er = f32x4.add(expm1Reduced(r), kv(K_ONE));
  const n1 = i32x4.shr_s(n, 1);
  return f32x4.mul(f32x4.mul(er, pow2i(n1)), pow2i(i32x4.sub(n, n1)));
}

/**
 * e^x per lane for x <= 0 (softmax's x - max): as expV but with one scaling factor, results that would be
 * subnormal (x below ln 2^-126) flushed to 0, and no overflow handling; NaN stays NaN, -Infinity gives 0.
 * Within 1 ulp where the result is normal.
 */
@inline export function expNegV(x: v128): v128 {
  const lo = kv(K_NORMAL_LO);
  const c = f32x4.pmax(x, lo);
  const t = f32x4.add(f32x4.mul(c, kv(K_LOG2E)), kv(K_ROUNDER));
  const fn = f32x4.sub(t, kv(K_ROUNDER));
  const n = i32x4.sub(t, kv(K_ROUNDER));
  const r = f32x4.sub(f32x4.sub(c, f32x4.mul(fn, kv(K_LN2_HI))), f32x4.mul(fn, kv(K_LN2_LO)));
  const er = f32x4.add(expm1Reduced(r), kv(K_ONE));
  // c >= ln 2^-126 keeps n >= -126 (the max is a guard); a product just below 2^-126 rounds once.
  return v128.andnot(f32x4.mul(er, pow2i(i32x4.max_s(n, kv(K_MIN_EXP)))), f32x4.lt(x, lo));
}

/**
 * e^x - 1 per lane with relative accuracy near 0: 2^n (e^r - 1) + (2^n - 1), exact for n = 0; above
 * x = 80, where e^x - 1 is e^x in float32, (e^r - 1 + 1) 2^n with 2^n as two factors (overflow to
 * Infinity included). x is clamped to [-104, 89]; NaN stays NaN.
 */
@inline export function expm1V(x: v128): v128 {
  const c = f32x4.pmax(f32x4.pmin(x, kv(K_HI)), kv(K_LO));
  const t = f32x4.add(f32x4.mul(c, kv(K_LOG2E)), kv(K_ROUNDER));
  const fn = f32x4.sub(t, kv(K_ROUNDER));
  const n = i32x4.sub(t, kv(K_ROUNDER));
  const r = f32x4.sub(f32x4.sub(c, f32x4.mul(fn, kv(K_LN2_HI))), f32x4.mul(fn, kv(K_LN2_LO)));
  const em = expm1Reduced(r);
  // n >= -126 gives a normal 2^n; below, 2^n - 1 is -1 in float32 and 2^n (e^r - 1) vanishes against it.
  const s = pow2i(i32x4.max_s(n, kv(K_MIN_EXP)));
  const one = kv(K_ONE);
  const small = f32x4.add(f32x4.mul(s, em), f32x4.sub(s, one));
  const n1 = i32x4.shr_s(n, 1);
  const big = f32x4.mul(f32x4.mul(f32x4.add(em, one), pow2i(n1)), pow2i(i32x4.sub(n, n1)));
  // Tiny |x| (below 2^-30): e^x - 1 rounds to x itself, signed zeros included.
  const tiny = f32x4.lt(f32x4.abs(x), kv(K_TINY));
  return v128.bitselect(x, v128.bitselect(big, small, f32x4.gt(x, kv(K_EXPM1_HI))), tiny);
}

/**
 * 1 / (1 + e^-x) per lane, as e^x / (1 + e^x) for x < 0 (so no overflow, and the subnormal tail below
 * x ~ -87 is kept); 1 from about x = 17 on; NaN stays NaN.
 */
@inline export function sigmoidV(x: v128): v128 {
  const e = expV(f32x4.neg(f32x4.abs(x)));
  const one = kv(K_ONE);
  const num = v128.bitselect(e, one, f32x4.lt(x, v128.splat<i32>(0)));
  return f32x4.div(num, f32x4.add(one, e));
}

/**
 * tanh per lane: sign(x) * -m / (m + 2) with m = e^(-2|x|) - 1 (relative accuracy near 0 through expm1V);
 * saturates to +-1, NaN stays NaN.
 */
@inline export function tanhV(x: v128): v128 {
  const a = f32x4.abs(x);
  const two = kv(K_TWO);
  const m = expm1V(f32x4.neg(f32x4.mul(a, two)));
  // m <= 0, so m / (m + 2) is -|tanh x| (or -0): take its magnitude and x's sign.
  const t = f32x4.abs(f32x4.div(m, f32x4.add(m, two)));
  return v128.or(t, v128.andnot(x, f32x4.abs(x)));
}
