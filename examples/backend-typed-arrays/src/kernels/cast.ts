// cast: converts to another dtype. Typed-array stores already convert the way libml wants (float to int32
// truncates toward zero, NaN becomes 0); to bool is `x != 0`, so NaN becomes true.

import { allocArray, type PrimitiveAttrs } from '@libml/core';
import type { ArrayKernel } from '../array-kernel.js';

export const cast: ArrayKernel<PrimitiveAttrs['cast']> = ([x], _attrs, [out]) => {
  const result = allocArray(out.dtype, x.values.length);
  if (out.dtype === 'bool') {
    for (let i = 0; i < x.values.length; i++) result[i] = x.values[i] !== 0 ? 1 : 0;
  } else {
    result.set(x.values);
  }
  return [result];
};
