// moments: mean and biased variance over attrs.axes (override), two passes in float64 for accuracy.

import type { Kernel, OverrideAttrs } from '@libml/core';
import { allocOutput } from '../data.js';
import { reductionView } from './util/reduce.js';

export const moments: Kernel<OverrideAttrs['moments']> = (inputs, { axes }, outputs) => {
  const meanOut = allocOutput(outputs[0]);
  const varianceOut = allocOutput(outputs[1]);
  const m = meanOut.values;
  const v = varianceOut.values;
  const { values: x, outer, reduce, inner } = reductionView(inputs[0], axes);
  const mu = new Float64Array(inner);
  const sq = new Float64Array(inner);
  for (let i = 0; i < outer; i++) {
    const base = i * reduce * inner;
    mu.fill(0);
    sq.fill(0);
    for (let r = 0, s = base; r < reduce; r++) {
      for (let j = 0; j < inner; j++, s++) mu[j] += x[s];
    }
    for (let j = 0; j < inner; j++) mu[j] /= reduce;
    for (let r = 0, s = base; r < reduce; r++) {
      for (let j = 0; j < inner; j++, s++) {
        const d = x[s] - mu[j];
        sq[j] += d * d;
      }
    }
    for (let j = 0; j < inner; j++) {
      m[i * inner + j] = mu[j];
      v[i * inner + j] = sq[j] / reduce;
    }
  }
  return [meanOut, varianceOut];
};
