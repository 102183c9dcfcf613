// The wasm kernel table: every version-1 primitive plus native overrides, each taking the runtime first.
// bindKernels() closes them over one backend's runtime, giving core's KernelTable.

import type {
  DataId,
  FusedAttrs,
  FusedName,
  Kernel,
  KernelTable,
  OverrideAttrs,
  OverrideName,
  PrimitiveAttrs,
  PrimitiveName,
} from '@libml/core';
import type { Runtime } from '../runtime.js';
import { abs } from './abs.js';
import { add } from './add.js';
import { argMax } from './argMax.js';
import { argMin } from './argMin.js';
import { avgPool2d } from './avgPool2d.js';
import { avgPool2dGrad } from './avgPool2dGrad.js';
import { broadcastTo } from './broadcastTo.js';
import { cast } from './cast.js';
import { concat } from './concat.js';
import { conv2d } from './conv2d.js';
import { conv2dBackpropFilter } from './conv2dBackpropFilter.js';
import { conv2dBackpropInput } from './conv2dBackpropInput.js';
import { cos } from './cos.js';
import { div } from './div.js';
import { elu } from './elu.js';
import { equal } from './equal.js';
import { erf } from './erf.js';
import { exp } from './exp.js';
import { fusedConv2d } from './fusedConv2d.js';
import { fusedElementwise } from './fusedElementwise.js';
import { fusedMatmul } from './fusedMatmul.js';
import { gather } from './gather.js';
import { gelu } from './gelu.js';
import { leakyRelu } from './leakyRelu.js';
import { less } from './less.js';
import { log } from './log.js';
import { logSoftmax } from './logSoftmax.js';
import { matmul } from './matmul.js';
import { max } from './max.js';
import { maximum } from './maximum.js';
import { maxPool2d } from './maxPool2d.js';
import { maxPool2dGrad } from './maxPool2dGrad.js';
import { mean } from './mean.js';
import { min } from './min.js';
import { minimum } from './minimum.js';
import { moments } from './moments.js';
import { mul } from './mul.js';
import { neg } from './neg.js';
import { pad } from './pad.js';
import { pow } from './pow.js';
import { prod } from './prod.js';
import { relu } from './relu.js';
import { scatterAdd } from './scatterAdd.js';
import { sigmoid } from './sigmoid.js';
import { sin } from './sin.js';
import { slice } from './slice.js';
import { softmax } from './softmax.js';
import { sqrt } from './sqrt.js';
import { square } from './square.js';
import { sub } from './sub.js';
import { sum } from './sum.js';
import { tanh } from './tanh.js';
import { transpose } from './transpose.js';
import type { WasmKernel } from './util/kernel.js';
import { where } from './where.js';

/** Every kernel of the backend, each taking the runtime first (bindKernels makes core's KernelTable). */
export type WasmKernelTable = { readonly [K in PrimitiveName]: WasmKernel<PrimitiveAttrs[K]> } & {
  readonly [K in OverrideName]?: WasmKernel<OverrideAttrs[K]>;
} & {
  readonly [K in FusedName]?: WasmKernel<FusedAttrs[K]>;
};

/** The wasm backend's kernels: every primitive, the native overrides and the fused kernels. */
export const wasmKernels: WasmKernelTable = {
  // Primitives.
  abs,
  exp,
  log,
  sqrt,
  sin,
  cos,
  tanh,
  erf,
  add,
  mul,
  div,
  pow,
  maximum,
  equal,
  less,
  where,
  cast,
  sum,
  prod,
  max,
  argMax,
  transpose,
  broadcastTo,
  slice,
  pad,
  concat,
  gather,
  // Overrides.
  neg,
  sub,
  minimum,
  square,
  relu,
  sigmoid,
  leakyRelu,
  elu,
  gelu,
  min,
  mean,
  argMin,
  softmax,
  logSoftmax,
  matmul,
  scatterAdd,
  conv2d,
  conv2dBackpropInput,
  conv2dBackpropFilter,
  maxPool2d,
  maxPool2dGrad,
  avgPool2d,
  avgPool2dGrad,
  moments,
  // Fused kernels (jit).
  fusedElementwise,
  fusedMatmul,
  fusedConv2d,
};

/** The table as core's KernelTable over a runtime made ready later: each kernel runs inside rt.run (scratch freed, outputs freed on error). */
export function bindKernels(
  runtime: () => Runtime,
  table: Partial<WasmKernelTable> = wasmKernels,
): KernelTable {
  const bound: Record<string, Kernel<never>> = {};
  for (const [name, kernel] of Object.entries(table) as [string, WasmKernel<never> | undefined][]) {
    if (kernel === undefined) continue;
    bound[name] = (inputs, attrs, outputs): DataId[] => {
      const rt = runtime();
      return rt.run(() => kernel(rt, inputs, attrs, outputs));
    };
  }
  // Each wrapper forwards to the kernel of the same name, so the table keeps KernelTable's typing.
  return bound as unknown as KernelTable;
}
