// moments: mean and biased variance over attrs.axes (override; batchNorm's training statistics), two
// passes in float64.

import type { OverrideAttrs } from '@libml/core';
import type { WasmKernel } from './util/kernel.js';
import { reductionView } from './util/reduce.js';

export const moments: WasmKernel<OverrideAttrs['moments']> = (rt, inputs, { axes }, outputs) => {
  const mean = rt.output(outputs[0]);
  const variance = rt.output(outputs[1]);
  if (mean.size === 0) return [mean, variance];
  const { ptr, outer, reduce, inner } = reductionView(rt, inputs[0], axes);
  const scratch = rt.temp(inner * 16);
  rt.k.moments(ptr, mean.ptr, variance.ptr, outer, reduce, inner, scratch);
  return [mean, variance];
};
