// min: minimum over attrs.axes (dropped); NaN propagates; an empty reduction gives +Infinity (override).

import type { Kernel, OverrideAttrs } from '@libml/core';
import { allocOutput } from '../data.js';
import { reductionView } from './util/reduce.js';

export const min: Kernel<OverrideAttrs['min']> = (inputs, { axes }, outputs) => {
  const out = allocOutput(outputs[0]);
  const o = out.values;
  const { values: x, outer, reduce, inner } = reductionView(inputs[0], axes);
  if (inner === 1) {
    for (let i = 0, base = 0; i < outer; i++, base += reduce) {
      let best = Number.POSITIVE_INFINITY;
      for (let r = 0; r < reduce; r++) {
        const v = x[base + r];
        if (v < best || Number.isNaN(v)) best = v;
      }
      o[i] = best;
    }
    return [out];
  }
  const acc = new Float64Array(inner);
  for (let i = 0; i < outer; i++) {
    acc.fill(Number.POSITIVE_INFINITY);
    let s = i * reduce * inner;
    for (let r = 0; r < reduce; r++) {
      for (let j = 0; j < inner; j++, s++) {
        const v = x[s];
        if (v < acc[j] || Number.isNaN(v)) acc[j] = v;
      }
    }
    o.set(acc, i * inner);
  }
  return [out];
};
