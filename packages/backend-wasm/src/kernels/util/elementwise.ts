// Kernel factories for the elementwise families: unary (float32, and int32 for abs/neg/square/relu),
// broadcasting binary ops (float32, int32, bool), comparisons to bool and where.

import type { TensorInfo, TensorSpec } from '@libml/core';
import type { WasmData } from '../../data.js';
import { FN_UNARY } from '../../protocol.js';
import type { Runtime } from '../../runtime.js';
import type { WasmKernel } from './kernel.js';
import { Binary, Unary } from './ops.js';
import { broadcastStrides, contiguousStrides, walkBlock } from './strides.js';

const INT_UNARY: ReadonlySet<number> = new Set([0, 8, 9, 10]);

/** Float32 unary ops worth spreading over threads (transcendental: tens of operations per element). */
const COSTLY_UNARY: ReadonlySet<number> = new Set([
  Unary.exp,
  Unary.log,
  Unary.sin,
  Unary.cos,
  Unary.tanh,
  Unary.erf,
  Unary.sigmoid,
  Unary.elu,
  Unary.gelu,
  Unary.geluTanh,
]);
const bitsView = new Int32Array(1);
const floatView = new Float32Array(bitsView.buffer);
function floatBits(v: number): number {
  floatView[0] = v;
  return bitsView[0];
}

/** Operations per element pool.worthSplitting weighs for a costly unary op. */
const COSTLY_WORK = 16;

export function unaryRun(rt: Runtime, op: number, input: TensorInfo, spec: TensorSpec, alpha = 0): WasmData {
  const out = rt.output(spec);
  if (out.size === 0) return out;
  const x = rt.ptr(input);
  if (spec.dtype === 'int32' && INT_UNARY.has(op)) {
    rt.k.unaryI32(op, x, out.ptr, out.size);
    return out;
  }
  const pool = rt.pool;
  if (pool && COSTLY_UNARY.has(op) && pool.worthSplitting(out.size * COSTLY_WORK)) {
    // A queue of runs of whole SIMD groups (about 8 per thread) taken from a shared counter; each
    // element's arithmetic is the same wherever it runs.
    const groups = Math.ceil(out.size / 4);
    const runs = Math.min(groups, 8 * pool.threads);
    const bits = floatBits(alpha);
    const calls: number[][] = [];
    for (let j = 0; j < runs; j++) {
      const start = Math.floor((j * groups) / runs) * 4;
      const end = j + 1 === runs ? out.size : Math.floor(((j + 1) * groups) / runs) * 4;
      calls.push([FN_UNARY, 0, op, x + 4 * start, out.ptr + 4 * start, end - start, bits]);
    }
    const table = Array.from({ length: pool.threads }, () => [0]);
    pool.runJobs(rt.k, 1, table, calls, (bytes) => rt.temp(bytes));
    return out;
  }
  rt.k.unaryF32(op, x, out.ptr, out.size, alpha);
  return out;
}

export function unaryKernel(op: number): WasmKernel<unknown> {
  return (rt, inputs, _attrs, outputs) => [unaryRun(rt, op, inputs[0], outputs[0])];
}

/** The walk block of inputs broadcast to a contiguous output, as a scratch address. */
export function broadcastWalk(rt: Runtime, inputs: readonly TensorInfo[], spec: TensorSpec): number {
  const strides = [
    contiguousStrides(spec.shape),
    ...inputs.map((i) => broadcastStrides(i.shape, spec.shape)),
  ];
  return rt.ints(walkBlock(spec.shape, strides));
}

export function binaryRun(
  rt: Runtime,
  op: number,
  inputs: readonly TensorInfo[],
  spec: TensorSpec,
): WasmData {
  const out = rt.output(spec);
  if (out.size === 0) return out;
  const walk = broadcastWalk(rt, inputs, spec);
  const a = rt.ptr(inputs[0]);
  const b = rt.ptr(inputs[1]);
  const dtype = inputs[0].dtype;
  if (op === Binary.equal || op === Binary.less) {
    rt.k.compare(op, dtype === 'float32' ? 0 : dtype === 'int32' ? 1 : 2, out.ptr, a, b, walk);
  } else if (dtype === 'float32') {
    rt.k.binaryF32(op, out.ptr, a, b, walk);
  } else if (dtype === 'int32') {
    rt.k.binaryI32(op, out.ptr, a, b, walk);
  } else {
    rt.k.binaryU8(op, out.ptr, a, b, walk);
  }
  return out;
}

export function binaryKernel(op: number): WasmKernel<unknown> {
  return (rt, inputs, _attrs, outputs) => [binaryRun(rt, op, inputs, outputs[0])];
}
