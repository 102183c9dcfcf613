// sum: adds over attrs.axes (dropped). Floats accumulate in float64; int32 wraps like 32-bit adds.

import type { Kernel, PrimitiveAttrs } from '@libml/core';
import { allocOutput } from '../data.js';
import { reductionView } from './util/reduce.js';

export const sum: Kernel<PrimitiveAttrs['sum']> = (inputs, { axes }, outputs) => {
  const out = allocOutput(outputs[0]);
  const o = out.values;
  const { values: x, outer, reduce, inner } = reductionView(inputs[0], axes);
  const wrap = outputs[0].dtype === 'int32';
  if (inner === 1) {
    for (let i = 0, base = 0; i < outer; i++, base += reduce) {
      let acc = 0;
      if (wrap) for (let r = 0; r < reduce; r++) acc = (acc + x[base + r]) | 0;
      else for (let r = 0; r < reduce; r++) acc += x[base + r];
      o[i] = acc;
    }
    return [out];
  }
  // Reduced block followed by kept axes: add whole contiguous rows into float64 accumulators.
  const acc = new Float64Array(inner);
  for (let i = 0; i < outer; i++) {
    acc.fill(0);
    let s = i * reduce * inner;
    for (let r = 0; r < reduce; r++) {
      if (wrap) for (let j = 0; j < inner; j++, s++) acc[j] = (acc[j] + x[s]) | 0;
      else for (let j = 0; j < inner; j++, s++) acc[j] += x[s];
    }
    o.set(acc, i * inner);
  }
  return [out];
};
