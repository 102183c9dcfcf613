// avgPool2dGrad: the adjoint of avgPool2d (override); inputs [dy], output x-shaped: each dy / divisor is
// added to every input element of its window.

import type { AvgPool2dAttrs } from '@libml/core';
import type { WasmKernel } from './util/kernel.js';
import { checkAvgPoolDilations, poolGeometry } from './util/pool.js';

export const avgPool2dGrad: WasmKernel<AvgPool2dAttrs> = (rt, inputs, attrs, outputs) => {
  checkAvgPoolDilations('avgPool2dGrad', attrs);
  const out = rt.zeros(outputs[0]);
  if (out.size === 0) return [out];
  const geo = poolGeometry(outputs[0].shape, inputs[0].shape, attrs);
  if (geo.size === 0) return [out];
  const div = rt.doubles(geo.divisors(attrs.countIncludePad, attrs.pads));
  rt.k.avgPool(rt.ints(geo.block), div, out.ptr, rt.ptr(inputs[0]), 1);
  return [out];
};
