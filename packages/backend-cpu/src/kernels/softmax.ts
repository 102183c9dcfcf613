// softmax: exp(x - max) / sum along attrs.axis (override); subtracting the max keeps exp in range, and an
// all -Infinity slice gives NaN as in NumPy.

import type { Kernel, OverrideAttrs } from '@libml/core';
import { allocOutput } from '../data.js';
import { reductionView } from './util/reduce.js';

export const softmax: Kernel<OverrideAttrs['softmax']> = (inputs, { axis }, outputs) => {
  const out = allocOutput(outputs[0]);
  const o = out.values;
  const { values: x, outer, reduce, inner } = reductionView(inputs[0], [axis]);
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
