// maxPool2d: window maximum (override); padding never wins, NaN propagates.

import type { Pool2dAttrs } from '@libml/core';
import type { WasmKernel } from './util/kernel.js';
import { poolGeometry } from './util/pool.js';

export const maxPool2d: WasmKernel<Pool2dAttrs> = (rt, inputs, attrs, outputs) => {
  const out = rt.output(outputs[0]);
  if (out.size === 0) return [out];
  const geo = poolGeometry(inputs[0].shape, outputs[0].shape, attrs);
  rt.k.maxPool(rt.ints(geo.block), rt.ptr(inputs[0]), out.ptr);
  return [out];
};
