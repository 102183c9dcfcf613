// avgPool2d: window mean (override), summed in float64; the divisor follows PyTorch's countIncludePad rule.

import type { AvgPool2dAttrs } from '@libml/core';
import type { WasmKernel } from './util/kernel.js';
import { checkAvgPoolDilations, poolGeometry } from './util/pool.js';

export const avgPool2d: WasmKernel<AvgPool2dAttrs> = (rt, inputs, attrs, outputs) => {
  checkAvgPoolDilations('avgPool2d', attrs);
  const out = rt.output(outputs[0]);
  if (out.size === 0) return [out];
  const geo = poolGeometry(inputs[0].shape, outputs[0].shape, attrs);
  const div = rt.doubles(geo.divisors(attrs.countIncludePad, attrs.pads));
  rt.k.avgPool(rt.ints(geo.block), div, rt.ptr(inputs[0]), out.ptr, 0);
  return [out];
};
