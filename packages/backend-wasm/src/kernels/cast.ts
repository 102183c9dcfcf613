// cast: converts to attrs.dtype. float -> int32 truncates toward zero (JavaScript's ToInt32: modulo 2^32,
// NaN -> 0, as the cpu backend's typed-array conversion); to bool is x != 0, so NaN -> true.

import type { PrimitiveAttrs } from '@libml/core';
import type { WasmKernel } from './util/kernel.js';
import { Cast } from './util/ops.js';

export const cast: WasmKernel<PrimitiveAttrs['cast']> = (rt, inputs, _attrs, outputs) => {
  const out = rt.output(outputs[0]);
  const from = inputs[0].dtype;
  const to = outputs[0].dtype;
  const x = rt.ptr(inputs[0]);
  if (out.size === 0) return [out];
  if (from === to) {
    rt.heap.u8.copyWithin(out.ptr, x, x + out.bytes);
    return [out];
  }
  let kind: number;
  if (from === 'float32') kind = to === 'int32' ? Cast.f2i : Cast.f2b;
  else if (from === 'int32') kind = to === 'float32' ? Cast.i2f : Cast.i2b;
  else kind = to === 'float32' ? Cast.b2f : Cast.b2i;
  rt.k.cast(kind, x, out.ptr, out.size);
  return [out];
};
