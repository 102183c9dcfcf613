// mean: average over attrs.axes (dropped) (override), summed in float64; an empty reduction gives NaN.

import type { Kernel, OverrideAttrs } from '@libml/core';
import { allocOutput } from '../data.js';
import { reductionView } from './util/reduce.js';

export const mean: Kernel<OverrideAttrs['mean']> = (inputs, { axes }, outputs) => {
  const out = allocOutput(outputs[0]);
  const o = out.values;
  const { values: x, outer, reduce, inner } = reductionView(inputs[0], axes);
  if (inner === 1) {
    for (let i = 0, base = 0; i < outer; i++, base += reduce) {
      let acc = 0;
      for (let r = 0; r < reduce; r++) acc += x[base + r];
      o[i] = acc / reduce;
    }
    return [out];
  }
  const acc = new Float64Array(inner);
  for (let i = 0; i < outer; i++) {
    acc.fill(0);
    let s = i * reduce * inner;
    for (let r = 0; r < reduce; r++) {
      for (let j = 0; j < inner; j++, s++) acc[j] += x[s];
    }
    for (let j = 0; j < inner; j++) o[i * inner + j] = acc[j] / reduce;
  }
  return [out];
};
