// fusedElementwise (jit): one kernel for a whole chain of elementwise ops (core's ElementwiseProgram),
// generated per program (util/fused.ts) and cached by the program's key, input/output dtypes, operand
// layouts and merged rank; the output size, shape and strides travel in the params uniform, as in the
// other elementwise kernels, so one pipeline serves every shape. Inputs broadcast through strides (size-1
// operands read element 0, operands that walk the output contiguously read at the flat index); without
// strided operands each invocation takes four elements as vec4s.
//
// Bindings: one storage buffer per input and per output. A program needing more than the device's
// maxStorageBuffersPerShaderStage throws a BackendError before allocating anything: the backend states
// the limit as capabilities.fusedBindings, from which jit splits such programs itself.

import { BackendError, type FusedAttrs } from '@libml/core';
import { PARAM_WORDS } from '../gpu.js';
import type { GpuKernel } from './types.js';
import { operandLayouts } from './util/elementwise.js';
import { checkFusedIo, fusedFunction, programConstants } from './util/fused.js';
import {
  allocOutput,
  dataOf,
  flatIndex,
  header,
  MAIN_1D,
  offsetsCode,
  sizeOf,
  wgslType,
} from './util/wgsl.js';

export const fusedElementwise: GpuKernel<FusedAttrs['fusedElementwise']> = (
  gpu,
  inputs,
  { program },
  outputs,
) => {
  const op = 'fusedElementwise';
  checkFusedIo(gpu, op, inputs.length, outputs.length, program.outputs.length, 'program');
  const shape = outputs[0].shape;
  const n = sizeOf(shape);
  const inTypes = inputs.map((t) => wgslType(t.dtype));
  const outTypes = outputs.map((o) => wgslType(o.dtype));
  const {
    layouts,
    stridedIdx,
    rank,
    shape: merged,
    strides,
  } = operandLayouts(
    inputs.map((t) => t.shape),
    shape,
  );
  // Params: [n, shape(rank), strides(rank) per strided input, the program's constants].
  const params = [n];
  if (rank > 0) {
    params.push(...merged);
    for (const s of strides) params.push(...s);
  }
  const constantsAt = params.length;
  params.push(...programConstants(program));
  if (params.length > PARAM_WORDS) {
    throw new BackendError(
      op,
      `broadcasting ${stridedIdx.length} inputs over rank ${rank} with ${params.length - constantsAt} constants needs ${params.length} parameter words, over the ${PARAM_WORDS} a dispatch carries`,
    );
  }
  const data = inputs.map((t) => dataOf(gpu, t));
  const wg = gpu.tiles.wg;
  const per = rank === 0 ? 4 : 1;
  const key = `fused:${program.key}|${inTypes.join(',')}>${outTypes.join(',')}|${layouts.join('')}|r${rank}|wg${wg}|x${per}`;
  const code = () => {
    const fn = fusedFunction(op, program, inTypes, constantsAt);
    if (fn.outTypes.some((t, k) => t !== outTypes[k])) {
      throw new BackendError(op, "the output specs do not have the program outputs' dtypes");
    }
    const stores = outTypes.map((_, k) => k);
    if (per > 1) {
      // Operands and outputs as vec4 arrays (one 16-byte access per lane); the program runs per lane.
      const loads = inputs.map((_, k) =>
        layouts[k] === 'c' ? `  let v${k} = x${k}[i4];` : `  let v${k} = x${k}[0u][0u];`,
      );
      const lanes = [0, 1, 2, 3].map((e) => {
        const args = inputs.map((_, k) => (layouts[k] === 'c' ? `v${k}[${e}]` : `v${k}`));
        return `  { let r = fused_(${args.join(', ')}); ${stores.map((k) => `o${k}[${e}] = r.o${k};`).join(' ')} }`;
      });
      return [
        header(
          inTypes.map((t) => `vec4<${t}>`),
          outTypes.map((t) => `vec4<${t}>`),
        ),
        fn.code,
        MAIN_1D(wg),
        `  let i4 = ${flatIndex(wg)};`,
        '  if (i4 * 4u >= pu(0u)) { return; }',
        ...loads,
        ...stores.map((k) => `  var o${k}: vec4<${outTypes[k]}>;`),
        ...lanes,
        ...stores.map((k) => `  y${k}[i4] = o${k};`),
        '}',
      ].join('\n');
    }
    const names = stridedIdx.map((k) => `s${k}`);
    const stridesAt = stridedIdx.map((_, j) => 1 + rank + j * rank);
    const args = inputs.map((_, k) =>
      layouts[k] === 'c' ? `x${k}[i]` : layouts[k] === '0' ? `x${k}[0u]` : `x${k}[s${k}]`,
    );
    return [
      header(inTypes, outTypes),
      fn.code,
      MAIN_1D(wg),
      `  let i = ${flatIndex(wg)};`,
      '  if (i >= pu(0u)) { return; }',
      rank > 0 ? offsetsCode('i', rank, 1, names, stridesAt) : '',
      `  let r = fused_(${args.join(', ')});`,
      ...stores.map((k) => `  y${k}[i] = r.o${k};`),
      '}',
    ].join('\n');
  };
  const ys = outputs.map((o) => allocOutput(gpu, op, o));
  try {
    gpu.dispatch(op, { key, code }, data, ys, params, gpu.grid(Math.ceil(n / (wg * per))));
  } catch (e) {
    for (const y of ys) gpu.free(y);
    throw e;
  }
  return ys;
};
