// leakyRelu: elementwise x < 0 ? alpha*x : x (override); NaN stays NaN.

import type { Kernel, OverrideAttrs } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';

export const leakyRelu: Kernel<OverrideAttrs['leakyRelu']> = (inputs, { alpha }, outputs) => {
  const out = allocOutput(outputs[0]);
  const x = valuesOf(inputs[0]);
  const o = out.values;
  for (let i = 0; i < o.length; i++) {
    const v = x[i];
    o[i] = v < 0 ? alpha * v : v;
  }
  return [out];
};
