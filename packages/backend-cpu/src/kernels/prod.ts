// prod: multiplies over attrs.axes (dropped); empty reductions give 1; int32 wraps via Math.imul.

import type { Kernel, PrimitiveAttrs } from '@libml/core';
import { allocOutput } from '../data.js';
import { reductionView } from './util/reduce.js';

export const prod: Kernel<PrimitiveAttrs['prod']> = (inputs, { axes }, outputs) => {
  const out = allocOutput(outputs[0]);
  const o = out.values;
  const { values: x, outer, reduce, inner } = reductionView(inputs[0], axes);
  const wrap = outputs[0].dtype === 'int32';
  const acc = new Float64Array(inner);
  for (let i = 0; i < outer; i++) {
    acc.fill(1);
    let s = i * reduce * inner;
    for (let r = 0; r < reduce; r++) {
      if (wrap) for (let j = 0; j < inner; j++, s++) acc[j] = Math.imul(acc[j], x[s]);
      else for (let j = 0; j < inner; j++, s++) acc[j] *= x[s];
    }
    o.set(acc, i * inner);
  }
  return [out];
};
