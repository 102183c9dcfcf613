// where: broadcasting cond ? a : b, cond stored as 0/1 bytes; a and b of any stored dtype.

import type { PrimitiveAttrs } from '@libml/core';
import { broadcastWalk } from './util/elementwise.js';
import type { WasmKernel } from './util/kernel.js';

export const where: WasmKernel<PrimitiveAttrs['where']> = (rt, inputs, _attrs, outputs) => {
  const out = rt.output(outputs[0]);
  if (out.size === 0) return [out];
  const walk = broadcastWalk(rt, inputs, outputs[0]);
  const wide = outputs[0].dtype === 'bool' ? 0 : 1;
  rt.k.where(wide, out.ptr, rt.ptr(inputs[0]), rt.ptr(inputs[1]), rt.ptr(inputs[2]), walk);
  return [out];
};
