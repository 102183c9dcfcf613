// argMin: int32 index of the first minimum along attrs.axis (dropped) (override); the first NaN counts as
// the minimum, as in NumPy.

import type { Kernel, OverrideAttrs } from '@libml/core';
import { allocOutput } from '../data.js';
import { reductionView } from './util/reduce.js';

export const argMin: Kernel<OverrideAttrs['argMin']> = (inputs, { axis }, outputs) => {
  const out = allocOutput(outputs[0]);
  const o = out.values;
  const { values: x, outer, reduce, inner } = reductionView(inputs[0], [axis]);
  if (reduce === 0) return [out];
  // Rows of `inner` independent searches advance together so reads stay contiguous.
  const best = new Float64Array(inner);
  for (let i = 0; i < outer; i++) {
    const base = i * reduce * inner;
    const oBase = i * inner;
    for (let j = 0; j < inner; j++) {
      best[j] = x[base + j];
      o[oBase + j] = 0;
    }
    for (let r = 1, s = base + inner; r < reduce; r++) {
      for (let j = 0; j < inner; j++, s++) {
        const v = x[s];
        const b = best[j];
        if (v < b || (Number.isNaN(v) && !Number.isNaN(b))) {
          best[j] = v;
          o[oBase + j] = r;
        }
      }
    }
  }
  return [out];
};
