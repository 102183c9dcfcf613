// Tolerances and comparison of a backend's float32 results against float64 references.

import type { ToleranceClass } from './types.js';

const EPS32 = 2 ** -23;

export interface ToleranceSpec {
  readonly cls: ToleranceClass;
  /** Reduction length (for 'reduction'). */
  readonly length: number;
  /** Extra factor: gradients are compositions of several ops. */
  readonly factor: number;
  /** An absolute allowance on top, for expected values known only to a few decimals (0 by default). */
  readonly atol?: number;
}

/** Bound on |actual - expected| for an element, given the array's largest finite magnitude. */
export function bound(t: ToleranceSpec, expected: number, scale: number): number {
  const atol = t.atol ?? 0;
  if (t.cls === 'exact') return atol;
  const ulps = t.cls === 'elementwise' ? 8 : 8 + 2 * t.length;
  return ulps * t.factor * EPS32 * (Math.abs(expected) + scale) + atol;
}

function maxFinite(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]);
    if (Number.isFinite(v) && v > m) m = v;
  }
  return m;
}

/** A description of the worst mismatches, or null when every element is within tolerance. */
export function mismatch(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  t: ToleranceSpec,
  label: string,
): string | null {
  if (actual.length !== expected.length)
    return `${label}: ${actual.length} values, expected ${expected.length}`;
  const scale = maxFinite(expected);
  let bad = 0;
  let first = '';
  for (let i = 0; i < expected.length; i++) {
    const a = Number(actual[i]);
    const e = Number(expected[i]);
    let ok: boolean;
    if (Number.isNaN(e)) ok = Number.isNaN(a);
    else if (!Number.isFinite(e)) ok = a === e;
    else ok = Number.isFinite(a) && Math.abs(a - e) <= bound(t, e, scale);
    if (!ok) {
      if (bad === 0)
        first = `[${i}] got ${a}, expected ${e} (tolerance ${bound(t, e, scale).toExponential(2)})`;
      bad++;
    }
  }
  return bad === 0 ? null : `${label}: ${bad}/${expected.length} elements off; first ${first}`;
}
