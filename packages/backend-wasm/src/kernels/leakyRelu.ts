// leakyRelu: elementwise x < 0 ? alpha*x : x (override, SIMD); NaN stays NaN.

import type { OverrideAttrs } from '@libml/core';
import { unaryRun } from './util/elementwise.js';
import type { WasmKernel } from './util/kernel.js';
import { Unary } from './util/ops.js';

export const leakyRelu: WasmKernel<OverrideAttrs['leakyRelu']> = (rt, inputs, { alpha }, outputs) => [
  unaryRun(rt, Unary.leakyRelu, inputs[0], outputs[0], alpha),
];
