// The kernel table: all 27 primitives of version 1 and two overrides. ArrayKernelTable is keyed by
// kernel name, so a missing primitive or a kernel with the wrong attributes is a compile error.

import type { ArrayKernelTable } from '../array-kernel.js';
import { add, div, equal, less, maximum, mul, pow, where } from './binary.js';
import { cast } from './cast.js';
import { broadcastTo, concat, gather, pad, slice, transpose } from './movement.js';
import { matmul, softmax } from './overrides.js';
import { argMax, max, prod, sum } from './reduce.js';
import { abs, cos, erf, exp, log, sin, sqrt, tanh } from './unary.js';

export const typedArrayKernels: ArrayKernelTable = {
  // primitives: elementwise
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
  // primitives: reductions
  sum,
  prod,
  max,
  argMax,
  // primitives: data movement
  transpose,
  broadcastTo,
  slice,
  pad,
  concat,
  gather,
  // overrides (optional)
  matmul,
  softmax,
};
