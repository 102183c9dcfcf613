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
