// The webgpu kernel table: every version-1 primitive, native overrides and jit's fused kernels. Typed per
// kernel name, so a missing primitive or a kernel under the wrong name's attributes does not compile.

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
import type { GpuKernelTable } from './types.js';
import { where } from './where.js';

export const webgpuKernels: GpuKernelTable = {
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
  scatterAdd,
  moments,
  softmax,
  logSoftmax,
  matmul,
  conv2d,
  conv2dBackpropInput,
  conv2dBackpropFilter,
  maxPool2d,
  maxPool2dGrad,
  avgPool2d,
  avgPool2dGrad,
  // Fused kernels (jit).
  fusedElementwise,
  fusedMatmul,
  fusedConv2d,
};
