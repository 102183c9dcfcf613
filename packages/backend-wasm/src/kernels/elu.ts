// elu: elementwise x > 0 ? x : alpha*(e^x - 1) (override), with the SIMD float32 expm1 of assembly/math.ts
// (relative accuracy near 0).

import type { OverrideAttrs } from '@libml/core';
import { unaryRun } from './util/elementwise.js';
import type { WasmKernel } from './util/kernel.js';
import { Unary } from './util/ops.js';

export const elu: WasmKernel<OverrideAttrs['elu']> = (rt, inputs, { alpha }, outputs) => [
  unaryRun(rt, Unary.elu, inputs[0], outputs[0], alpha),
];
