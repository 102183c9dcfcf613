// gelu: elementwise x·Φ(x) (override): exact via erfc, or the tanh approximation.

import type { Kernel, OverrideAttrs } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { erfc } from './util/erf.js';

const SQRT_HALF = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

export const gelu: Kernel<OverrideAttrs['gelu']> = (inputs, { approximate }, outputs) => {
  const out = allocOutput(outputs[0]);
  const x = valuesOf(inputs[0]);
  const o = out.values;
  if (approximate === 'tanh') {
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v)));
    }
  } else {
    // Φ(x) = erfc(-x/√2)/2 keeps full relative accuracy in the far negative tail, where 1 + erf cancels.
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = 0.5 * v * erfc(-v * SQRT_HALF);
    }
  }
  return [out];
};
