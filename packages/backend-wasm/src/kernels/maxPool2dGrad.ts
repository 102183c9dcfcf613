// maxPool2dGrad: inputs [x, dy] (override); routes each dy to the first maximal element of its window
// (row-major within the window, the first NaN counting as maximal), adding where windows overlap.

import type { Pool2dAttrs } from '@libml/core';
import type { WasmKernel } from './util/kernel.js';
import { poolGeometry } from './util/pool.js';

export const maxPool2dGrad: WasmKernel<Pool2dAttrs> = (rt, inputs, attrs, outputs) => {
  const out = rt.zeros(outputs[0]);
  if (out.size === 0) return [out];
  const geo = poolGeometry(inputs[0].shape, inputs[1].shape, attrs);
  if (geo.size === 0) return [out];
  rt.k.maxPoolGrad(rt.ints(geo.block), rt.ptr(inputs[0]), rt.ptr(inputs[1]), out.ptr);
  return [out];
};
