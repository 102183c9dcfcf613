// cast: converts to attrs.dtype. TypedArray.set converts like NumPy's astype for float/int targets
// (float->int32 truncates toward zero, NaN -> 0); bool is x != 0, so NaN -> true.

import type { Kernel, PrimitiveAttrs } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';

export const cast: Kernel<PrimitiveAttrs['cast']> = (inputs, _attrs, outputs) => {
  const out = allocOutput(outputs[0]);
  const x = valuesOf(inputs[0]);
  const o = out.values;
  if (outputs[0].dtype === 'bool') {
    for (let i = 0; i < o.length; i++) o[i] = x[i] !== 0 ? 1 : 0;
  } else {
    o.set(x);
  }
  return [out];
};
