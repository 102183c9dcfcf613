// Every op's case file, in one list. Adding an op adds one line here.

import type { OpSuite } from '../types.js';
import abs from './abs.js';
import add from './add.js';
import argMax from './argMax.js';
import argMin from './argMin.js';
import avgPool2d from './avgPool2d.js';
import batchNorm from './batchNorm.js';
import broadcastTo from './broadcastTo.js';
import cast from './cast.js';
import clip from './clip.js';
import concat from './concat.js';
import conv2d from './conv2d.js';
import conv2dTranspose from './conv2dTranspose.js';
import cos from './cos.js';
import div from './div.js';
import elu from './elu.js';
import equal from './equal.js';
import erf from './erf.js';
import exp from './exp.js';
import expandDims from './expandDims.js';
import gather from './gather.js';
import gelu from './gelu.js';
import greater from './greater.js';
import greaterEqual from './greaterEqual.js';
import leakyRelu from './leakyRelu.js';
import less from './less.js';
import lessEqual from './lessEqual.js';
import log from './log.js';
import logicalAnd from './logicalAnd.js';
import logicalNot from './logicalNot.js';
import logicalOr from './logicalOr.js';
import logSoftmax from './logSoftmax.js';
import matmul from './matmul.js';
import max from './max.js';
import maximum from './maximum.js';
import maxPool2d from './maxPool2d.js';
import meanSquaredError from './meanSquaredError.js';
import min from './min.js';
import minimum from './minimum.js';
import mul from './mul.js';
import neg from './neg.js';
import notEqual from './notEqual.js';
import oneHot from './oneHot.js';
import pad from './pad.js';
import pow from './pow.js';
import prod from './prod.js';
import reduceMean from './reduceMean.js';
import relu from './relu.js';
import reshape from './reshape.js';
import sigmoid from './sigmoid.js';
import sin from './sin.js';
import slice from './slice.js';
import softmax from './softmax.js';
import softmaxCrossEntropy from './softmaxCrossEntropy.js';
import split from './split.js';
import sqrt from './sqrt.js';
import square from './square.js';
import squeeze from './squeeze.js';
import stack from './stack.js';
import sub from './sub.js';
import sum from './sum.js';
import tanh from './tanh.js';
import transpose from './transpose.js';
import where from './where.js';

export const suites: readonly OpSuite[] = [
  abs,
  add,
  argMax,
  argMin,
  avgPool2d,
  batchNorm,
  broadcastTo,
  cast,
  clip,
  concat,
  conv2d,
  conv2dTranspose,
  cos,
  div,
  elu,
  equal,
  erf,
  exp,
  expandDims,
  gather,
  gelu,
  greater,
  greaterEqual,
  leakyRelu,
  less,
  lessEqual,
  log,
  logicalAnd,
  logicalNot,
  logicalOr,
  logSoftmax,
  matmul,
  max,
  maximum,
  maxPool2d,
  meanSquaredError,
  min,
  minimum,
  mul,
  neg,
  notEqual,
  oneHot,
  pad,
  pow,
  prod,
  reduceMean,
  relu,
  reshape,
  sigmoid,
  sin,
  slice,
  softmax,
  softmaxCrossEntropy,
  split,
  sqrt,
  square,
  squeeze,
  stack,
  sub,
  sum,
  tanh,
  transpose,
  where,
];
