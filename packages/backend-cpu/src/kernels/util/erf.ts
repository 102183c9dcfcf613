// erf and erfc in float64 from W. J. Cody's rational Chebyshev approximations (Math. Comp. 23, 1969;
// SPECFUN CALERF), accurate to a few ulp over the whole real line.

const ERF_A = [
  3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315,
];
const ERF_B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const ERFC_C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const ERFC_D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495,
];
const ERFC_P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378,
  0.016315387137302097,
];
const ERFC_Q = [
  2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918,
];
const ONE_OVER_SQRT_PI = 0.5641895835477563;
/** erf(y) for |y| <= this is the first rational approximation; beyond it erfc is computed. */
const SMALL = 0.46875;
/** erfc underflows to 0 from here on. */
const ERFC_UNDERFLOW = 26.543;

/** erf on |x| <= 0.46875. */
function erfSmall(x: number): number {
  const t = x * x;
  let num = ERF_A[4] * t;
  let den = t;
  for (let i = 0; i < 3; i++) {
    num = (num + ERF_A[i]) * t;
    den = (den + ERF_B[i]) * t;
  }
  return (x * (num + ERF_A[3])) / (den + ERF_B[3]);
}

/** erfc(y) for y > 0.46875 (y = |x|). */
function erfcPositive(y: number): number {
  let r: number;
  if (y <= 4) {
    let num = ERFC_C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + ERFC_C[i]) * y;
      den = (den + ERFC_D[i]) * y;
    }
    r = (num + ERFC_C[7]) / (den + ERFC_D[7]);
  } else {
    if (y >= ERFC_UNDERFLOW) return 0;
    const t = 1 / (y * y);
    let num = ERFC_P[5] * t;
    let den = t;
    for (let i = 0; i < 4; i++) {
      num = (num + ERFC_P[i]) * t;
      den = (den + ERFC_Q[i]) * t;
    }
    r = (t * (num + ERFC_P[4])) / (den + ERFC_Q[4]);
    r = (ONE_OVER_SQRT_PI - r) / y;
  }
  // exp(-y^2) split as exp(-s^2)·exp(-(y-s)(y+s)) with s = y rounded down to 1/16, which keeps s^2 exact.
  const s = Math.trunc(y * 16) / 16;
  const del = (y - s) * (y + s);
  return Math.exp(-s * s) * Math.exp(-del) * r;
}

export function erf(x: number): number {
  const y = Math.abs(x);
  if (y <= SMALL) return erfSmall(x);
  if (Number.isNaN(x)) return x;
  const e = 0.5 - erfcPositive(y) + 0.5;
  return x < 0 ? -e : e;
}

export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= SMALL) return 1 - erfSmall(x);
  if (Number.isNaN(x)) return x;
  const e = erfcPositive(y);
  return x < 0 ? 2 - e : e;
}
