// softmax: exp(x - max) / sum along attrs.axis (override); subtracting the max keeps exp in range, and an
// all -Infinity slice gives NaN as in NumPy.

import type { Kernel, OverrideAttrs } from '@libml/core';
import { allocOutput } from '../data.js';
import { reductionView } from './util/reduce.js';

export const softmax: Kernel<OverrideAttrs['softmax']> = (inputs, { axis }, outputs) => {
  const out = allocOutput(outputs[0]);
  const o = out.values;
  const { values: x, outer, reduce, inner } = reductionView(inputs[0], [axis]);
  if (inner === 1) {
    softmaxRows(x, o, outer, reduce);
    return [out];
  }
  const peak = new Float64Array(inner);
  const total = new Float64Array(inner);
  for (let i = 0; i < outer; i++) {
    const base = i * reduce * inner;
    peak.fill(Number.NEGATIVE_INFINITY);
    total.fill(0);
    for (let r = 0, s = base; r < reduce; r++) {
      for (let j = 0; j < inner; j++, s++) {
        const v = x[s];
        if (v > peak[j] || Number.isNaN(v)) peak[j] = v;
      }
    }
    for (let r = 0, s = base; r < reduce; r++) {
      for (let j = 0; j < inner; j++, s++) {
        const e = Math.exp(x[s] - peak[j]);
        total[j] += e;
        o[s] = e;
      }
    }
    for (let r = 0, s = base; r < reduce; r++) {
      for (let j = 0; j < inner; j++, s++) o[s] /= total[j];
    }
  }
  return [out];
};

/** The common last-axis case: contiguous rows, scalar accumulators. */
function softmaxRows(x: ArrayLike<number>, o: { [i: number]: number }, rows: number, n: number): void {
  for (let r = 0, base = 0; r < rows; r++, base += n) {
    let peak = Number.NEGATIVE_INFINITY;
    for (let k = base; k < base + n; k++) {
      const v = x[k];
      if (v > peak || Number.isNaN(v)) peak = v;
    }
    let total = 0;
    for (let k = base; k < base + n; k++) {
      const e = Math.exp(x[k] - peak);
      total += e;
      o[k] = e;
    }
    const inverse = 1 / total; // one division per row; e * (1/total) is within an ulp of e / total
    for (let k = base; k < base + n; k++) o[k] *= inverse;
  }
}
