// gelu: elementwise x·Φ(x) (override): exact via erfc in float64, or the tanh approximation.

import type { OverrideAttrs } from '@libml/core';
import { unaryRun } from './util/elementwise.js';
import type { WasmKernel } from './util/kernel.js';
import { Unary } from './util/ops.js';

export const gelu: WasmKernel<OverrideAttrs['gelu']> = (rt, inputs, { approximate }, outputs) => [
  unaryRun(rt, approximate === 'tanh' ? Unary.geluTanh : Unary.gelu, inputs[0], outputs[0]),
];
