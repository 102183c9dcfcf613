// WGSL math helpers that builtins leave implementation-defined or imprecise: erf/erfc (Cody's rational
// approximations, float32 evaluation), pow with JavaScript's special cases, NaN-aware min/max.

export const ERF_WGSL = `
fn erfc_pos_(y: f32) -> f32 {
  var r: f32;
  if (y <= 4.0) {
    var num = 2.1531153547440383e-8 * y;
    var den = y;
    num = (num + 0.5641884969886701) * y; den = (den + 15.744926110709835) * y;
    num = (num + 8.883149794388377) * y; den = (den + 117.6939508913125) * y;
    num = (num + 66.11919063714163) * y; den = (den + 537.1811018620099) * y;
    num = (num + 298.6351381974001) * y; den = (den + 1621.3895745666903) * y;
    num = (num + 881.952221241769) * y; den = (den + 3290.7992357334597) * y;
    num = (num + 1712.0476126340707) * y; den = (den + 4362.619090143247) * y;
    num = (num + 2051.0783778260716) * y; den = (den + 3439.3676741437216) * y;
    r = (num + 1230.3393547979972) / (den + 1230.3393548037495);
  } else {
    if (y >= 10.06) { return 0.0; }
    let t = 1.0 / (y * y);
    var num = 0.016315387137302097 * t;
    var den = t;
    num = (num + 0.30532663496123236) * t; den = (den + 2.568520192289822) * t;
    num = (num + 0.36034489994980445) * t; den = (den + 1.8729528499234604) * t;
    num = (num + 0.12578172611122926) * t; den = (den + 0.5279051029514285) * t;
    num = (num + 0.016083785148742275) * t; den = (den + 0.06051834131244132) * t;
    r = (t * (num + 0.0006587491615298378)) / (den + 0.0023352049762686918);
    r = (0.5641895835477563 - r) / y;
  }
  let s = trunc(y * 16.0) / 16.0;
  let del = (y - s) * (y + s);
  return exp(-s * s) * exp(-del) * r;
}
fn erf_small_(x: f32) -> f32 {
  let t = x * x;
  var num = 0.18577770618460315 * t;
  var den = t;
  num = (num + 3.1611237438705655) * t; den = (den + 23.601290952344122) * t;
  num = (num + 113.86415415105016) * t; den = (den + 244.02463793444417) * t;
  num = (num + 377.485237685302) * t; den = (den + 1282.6165260773723) * t;
  return (x * (num + 3209.3775891384694)) / (den + 2844.236833439171);
}
fn erf_(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  let y = abs(x);
  if (y <= 0.46875) { return erf_small_(x); }
  let e = 0.5 - erfc_pos_(y) + 0.5;
  return select(e, -e, x < 0.0);
}
fn erfc_(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  let y = abs(x);
  if (y <= 0.46875) { return 1.0 - erf_small_(x); }
  let e = erfc_pos_(y);
  return select(e, 2.0 - e, x < 0.0);
}
`;

export const POW_WGSL = `
fn is_inf_(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }
fn pow_f(x: f32, y: f32) -> f32 {
  if (y == 0.0) { return 1.0; }
  if (is_nan(x) || is_nan(y)) { return nan(); }
  let y_int = trunc(y) == y;
  let y_odd = y_int && abs(y) < 16777216.0 && (i32(y) & 1) == 1;
  let neg = bitcast<u32>(x) >= 0x80000000u;
  if (x == 0.0) {
    if (y > 0.0) { return select(0.0, x, y_odd); }
    return select(inf(), select(inf(), -inf(), neg), y_odd);
  }
  if (is_inf_(x) && neg) {
    if (y > 0.0) { return select(inf(), -inf(), y_odd); }
    return select(0.0, -0.0, y_odd);
  }
  if (x < 0.0 && !y_int) { return nan(); }
  let ax = abs(x);
  var r: f32;
  if (y_int && abs(y) <= 64.0) {
    // Square and multiply: a few roundings instead of exp2(y log2 x)'s error growing with |y log2 x|.
    var e = u32(abs(y));
    var base = ax;
    r = 1.0;
    loop {
      if ((e & 1u) == 1u) { r = r * base; }
      e = e >> 1u;
      if (e == 0u) { break; }
      base = base * base;
    }
    if (y < 0.0) { r = 1.0 / r; }
  } else {
    r = exp2(y * log2(ax));
  }
  return select(r, -r, x < 0.0 && y_odd);
}
fn pow_i(a: i32, b: i32) -> i32 {
  if (b < 0) {
    if (a == 1) { return 1; }
    if (a == -1) { return select(1, -1, (b & 1) == 1); }
    return 0;
  }
  var r = 1i;
  var base = a;
  var e = u32(b);
  loop {
    if (e == 0u) { break; }
    if ((e & 1u) == 1u) { r = r * base; }
    base = base * base;
    e = e >> 1u;
  }
  return r;
}
`;

/** max/min that propagate NaN (WGSL's max/min leave NaN implementation-defined). */
export const MINMAX_WGSL = `
fn max_nan(a: f32, b: f32) -> f32 { if (is_nan(a)) { return a; } if (is_nan(b)) { return b; } return select(b, a, a > b); }
fn min_nan(a: f32, b: f32) -> f32 { if (is_nan(a)) { return a; } if (is_nan(b)) { return b; } return select(b, a, a < b); }
`;

/**
 * Natural log with relative accuracy everywhere (WGSL's log is only absolutely accurate near 1, where
 * log(x) itself goes to 0): x = m 2^e from the bits (subnormals through their integer mantissa), m in
 * [sqrt(1/2), sqrt(2)), then fdlibm's logf: log(1 + f) = f - (f^2/2 - s (f^2/2 + R(s^2))), s = f / (2 + f),
 * and e ln2 split into a 12-bit head (e * head is exact) and a tail. log(0) = -Inf, log(x < 0) and
 * log(NaN) = NaN, log(+Inf) = +Inf; tested on bits, so flush-to-zero compares do not matter.
 */
export const LOG_WGSL = `
fn log_(x: f32) -> f32 {
  let bits = bitcast<u32>(x);
  let mag = bits & 0x7fffffffu;
  if (mag > 0x7f800000u) { return x; }
  if (mag == 0u) { return -inf(); }
  if (bits >= 0x80000000u) { return nan(); }
  if (mag == 0x7f800000u) { return x; }
  var e = i32(bits >> 23u) - 127;
  var mb = bits & 0x7fffffu;
  if (e == -127) {
    let v = bitcast<u32>(f32(mb));
    e = i32(v >> 23u) - 276;
    mb = v & 0x7fffffu;
  }
  var m = bitcast<f32>(mb | 0x3f800000u);
  if (m > 1.4142135) { m = m * 0.5; e = e + 1; }
  let f = m - 1.0;
  let s = f / (2.0 + f);
  let z = s * s;
  let w = z * z;
  let t1 = w * (0.40000000596 + w * (0.22222198546 + w * 0.15313838422));
  let t2 = z * (0.66666668653 + w * (0.28571429849 + w * (0.18183572590 + w * 0.14798198640)));
  let R = t1 + t2;
  let hfsq = 0.5 * f * f;
  if (e == 0) { return f - (hfsq - s * (hfsq + R)); }
  let dk = f32(e);
  return dk * 0.69313812256 - ((hfsq - (s * (hfsq + R) + dk * 9.0580006145e-6)) - f);
}
`;

/**
 * tanh with relative accuracy near 0 (where tanh(x) - from exp - cancels): an odd polynomial
 * x + x^3 P(x^2) (fitted for relative error on |x| < 0.5493, under 1e-10 before float32 rounding), then
 * 1 - 2 / (exp(2|x|) + 1), and +-1 beyond |x| = 9 (where tanh rounds to 1 in float32); NaN stays NaN, the
 * sign (of -0 too) is x's.
 */
export const TANH_WGSL = `
fn tanh_(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  let a = abs(x);
  var r: f32;
  if (a < 0.5493) {
    let u = a * a;
    let p = -0.33333331347 + u * (0.13333292305 + u * (-0.05395954847 + u * (0.02178226411 + u * (-0.00841256790 + u * 0.00239456282))));
    r = a + a * (u * p);
  } else if (a > 9.0) {
    r = 1.0;
  } else {
    r = 1.0 - 2.0 / (exp(2.0 * a) + 1.0);
  }
  return bitcast<f32>(bitcast<u32>(r) | (bitcast<u32>(x) & 0x80000000u));
}
`;

/**
 * exp with NaN kept: WGSL leaves exp(NaN) to the implementation (SwiftShader gives +Inf, which turned
 * sigmoid(NaN) into 0 and the NaN gradients of erf and logSoftmax into non-NaN). NaN is tested on the bits,
 * so a compiler that folds x != x to false cannot drop the check.
 */
export const EXP_WGSL = `
fn exp_(x: f32) -> f32 { return select(exp(x), x, (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
`;

/**
 * sin and cos accurate in float32 (WGSL's builtins are bounded only absolutely, 2^-11 on [-pi, pi], and
 * SwiftShader's are about 2e-4 off). Cody-Waite reduction |x| = n pi/2 + r, |r| <= pi/4: pi/2 in five
 * parts, the first four of 12 significant bits, and n (< 2^24) split into 12-bit halves, so every product
 * but the last part's is exact and r keeps its relative accuracy next to the zeros of sin and cos (done
 * again with n corrected where x 2/pi rounded to the neighbouring integer). Then Cephes' sinf / cosf
 * polynomials on [-pi/4, pi/4] (cos as w + (((1 - w) - z/2) + z^2 P), w = 1 - z/2), picked and signed by
 * n mod 4; sin takes x's sign (odd, -0 kept). Within 4 ulp of the result for |x| < 2^24 (measured: under
 * 3.8 on llvmpipe, test/accuracy.test.ts); beyond, where every float32 is an even integer, the builtin.
 * +-Inf and NaN give NaN. Branch-free but for the rare second reduction; no FMA needed (a fused
 * multiply-add only makes the inexact last products more accurate).
 */
export const TRIG_WGSL = `
fn trig_sin_k_(r: f32) -> f32 {
  let z = r * r;
  let p = (-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1;
  return r + (p * z) * r;
}
fn trig_cos_k_(r: f32) -> f32 {
  let z = r * r;
  let p = (2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2;
  let hz = 0.5 * z;
  let w = 1.0 - hz;
  return w + (((1.0 - w) - hz) + (z * z) * p);
}
// a - n pi/2 for a = |x| < 2^24 and an integer n <= 2^24: n as 12-bit halves times the 12-bit parts is
// exact, and so is each difference while the terms cancel.
fn trig_rem_(a: f32, n: f32) -> f32 {
  let nh = floor(n * 0.000244140625) * 4096.0;
  let nl = n - nh;
  var r = a - nh * 1.57080078125 - nl * 1.57080078125;
  r = r - nh * -4.453584551811218e-6 - nl * -4.453584551811218e-6;
  r = r - nh * -8.706138032721356e-10 - nl * -8.706138032721356e-10;
  r = r - nh * 6.222800053024002e-14 - nl * 6.222800053024002e-14;
  return r - nh * 5.721188916458728e-18 - nl * 5.721188916458728e-18;
}
// (r, n mod 4) with |x| = n pi/2 + r, |r| <= pi/4 (a hair more), for a = |x| < 2^24.
fn trig_reduce_(a: f32) -> vec2<f32> {
  var n = round(a * 0.63661977236);
  var r = trig_rem_(a, n);
  // a 2/pi rounded to the neighbouring integer (large a, or a next to an odd multiple of pi/4): again.
  let m = round(r * 0.63661977236);
  if (m != 0.0) {
    n = n + m;
    r = trig_rem_(a, n);
  }
  return vec2(r, f32(i32(n) & 3));
}
fn sin_(x: f32) -> f32 {
  let bits = bitcast<u32>(x);
  let mag = bits & 0x7fffffffu;
  if (mag >= 0x7f800000u) { return select(nan(), x, mag > 0x7f800000u); }
  if (mag >= 0x4b800000u) { return sin(x); }
  let t = trig_reduce_(bitcast<f32>(mag));
  let q = u32(t.y);
  let v = select(trig_sin_k_(t.x), trig_cos_k_(t.x), (q & 1u) == 1u);
  let s = select(0u, 0x80000000u, q >= 2u) ^ (bits & 0x80000000u);
  return bitcast<f32>(bitcast<u32>(v) ^ s);
}
fn cos_(x: f32) -> f32 {
  let bits = bitcast<u32>(x);
  let mag = bits & 0x7fffffffu;
  if (mag >= 0x7f800000u) { return select(nan(), x, mag > 0x7f800000u); }
  if (mag >= 0x4b800000u) { return cos(x); }
  let t = trig_reduce_(bitcast<f32>(mag));
  let q = u32(t.y);
  let v = select(trig_cos_k_(t.x), trig_sin_k_(t.x), (q & 1u) == 1u);
  return select(v, -v, q == 1u || q == 2u);
}
`;
