// elu: elementwise x > 0 ? x : alpha*(e^x - 1) (override), with expm1 for accuracy near 0.

import type { Kernel, OverrideAttrs } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';

export const elu: Kernel<OverrideAttrs['elu']> = (inputs, { alpha }, outputs) => {
  const out = allocOutput(outputs[0]);
  const x = valuesOf(inputs[0]);
  const o = out.values;
  for (let i = 0; i < o.length; i++) {
    const v = x[i];
    o[i] = v > 0 ? v : alpha * Math.expm1(v);
  }
  return [out];
};
