// jit's fused elementwise programs (core's ElementwiseProgram, SSA) as WGSL: one function per program
// that takes the inputs' values and returns every output's, shared by fusedElementwise (a 1-D kernel over
// the output) and fusedMatmul (called from the GEMM's store step). Each instruction is a WGSL function
// whose body is the expression of the primitive kernel of that name (the same ElementwiseOp objects), so
// the fused code computes exactly what the kernels compute one by one: NaN rules, int32 wrap-around,
// cast truncation, bool stored as u32 0/1.

import { BackendError, type ElementwiseInstruction, type ElementwiseProgram } from '@libml/core';
import { f32Bits, type Gpu } from '../../gpu.js';
import { absOp } from '../abs.js';
import { addOp } from '../add.js';
import { castOp } from '../cast.js';
import { cosOp } from '../cos.js';
import { divOp } from '../div.js';
import { equalOp } from '../equal.js';
import { erfOp } from '../erf.js';
import { expOp } from '../exp.js';
import { lessOp } from '../less.js';
import { logOp } from '../log.js';
import { maximumOp } from '../maximum.js';
import { mulOp } from '../mul.js';
import { powOp } from '../pow.js';
import { sinOp } from '../sin.js';
import { sqrtOp } from '../sqrt.js';
import { tanhOp } from '../tanh.js';
import { whereOp } from '../where.js';
import type { ElementwiseOp } from './elementwise.js';
import { type WgslType, wgslType } from './wgsl.js';

type Operation = Exclude<ElementwiseInstruction['op'], 'input' | 'const'>;

const OPS: Record<Operation, ElementwiseOp> = {
  abs: absOp,
  exp: expOp,
  log: logOp,
  sqrt: sqrtOp,
  sin: sinOp,
  cos: cosOp,
  tanh: tanhOp,
  erf: erfOp,
  add: addOp,
  mul: mulOp,
  div: divOp,
  pow: powOp,
  maximum: maximumOp,
  equal: equalOp,
  less: lessOp,
  where: whereOp,
  cast: castOp,
};

const PARAMS = ['a', 'b', 'c'];

/**
 * The program's constants as param words, in instruction order (float32 as bits, bool as 0/1). They
 * travel in the params uniform rather than as WGSL literals: the shader compiler folds literals with
 * float rules of its own (a -0 constant compared as +0, NaN and infinities in constant expressions), while
 * a value read at run time is computed exactly as the primitive kernel computes it.
 */
export function programConstants(program: ElementwiseProgram): number[] {
  const words: number[] = [];
  for (const x of program.instructions) {
    if (x.op !== 'const') continue;
    if (x.dtype === 'float32') words.push(f32Bits(x.value));
    else if (x.dtype === 'bool') words.push(x.value !== 0 ? 1 : 0);
    else words.push(x.value | 0);
  }
  return words;
}

const READ_PARAM: Record<WgslType, string> = { f32: 'pf', i32: 'p', u32: 'pu' };

export interface FusedFunction {
  /** WGSL: the ops' helpers, one function per instruction, `struct FusedOut_` and `fn fused_(...)`. */
  readonly code: string;
  /** The output types, in program output order (fields o0, o1, ... of FusedOut_). */
  readonly outTypes: WgslType[];
}

/**
 * `fn fused_(i0: T0, i1: T1, ...) -> FusedOut_`: the program on one element, input k's value as ik.
 * `inputTypes` are the kernel inputs' storage types; they must match the program's input instructions.
 * The constants are read from param words `constantsAt`, ... (programConstants).
 */
export function fusedFunction(
  op: string,
  program: ElementwiseProgram,
  inputTypes: readonly WgslType[],
  constantsAt: number,
): FusedFunction {
  const ins = program.instructions;
  const types = ins.map((x) => wgslType(x.dtype));
  const preludes = new Set<string>();
  const helpers: string[] = [];
  const body: string[] = [];
  let constant = constantsAt;
  ins.forEach((x, i) => {
    if (x.op === 'input') {
      if (x.input < 0 || x.input >= inputTypes.length) {
        throw new BackendError(
          op,
          `program instruction ${i} reads input ${x.input}, but ${inputTypes.length} are bound`,
        );
      }
      if (inputTypes[x.input] !== types[i]) {
        throw new BackendError(op, `program input ${x.input} is ${x.dtype}, the tensor bound there is not`);
      }
      body.push(`let t${i} = i${x.input};`);
      return;
    }
    if (x.op === 'const') {
      body.push(`let t${i} = ${READ_PARAM[types[i]]}(${constant++}u);`);
      return;
    }
    const def = OPS[x.op];
    if (!def)
      throw new BackendError(
        op,
        `program instruction ${i}: '${String(x.op)}' is not an elementwise primitive`,
      );
    for (const a of x.args) {
      if (!(a >= 0 && a < i))
        throw new BackendError(op, `program instruction ${i} reads ${a}, not an earlier one`);
    }
    const argTypes = x.args.map((a) => types[a]);
    const prelude = def.prelude?.(argTypes, types[i]);
    if (prelude) preludes.add(prelude);
    const params = argTypes.map((t, k) => `${PARAMS[k]}: ${t}`).join(', ');
    helpers.push(`fn op${i}_(${params}) -> ${types[i]} { return ${def.expr(argTypes, types[i])}; }`);
    body.push(`let t${i} = op${i}_(${x.args.map((a) => `t${a}`).join(', ')});`);
  });
  if (program.outputs.length === 0) throw new BackendError(op, 'the program has no outputs');
  for (const o of program.outputs) {
    if (!(o >= 0 && o < ins.length)) throw new BackendError(op, `program output ${o} is not an instruction`);
  }
  const outTypes = program.outputs.map((o) => types[o]);
  const code = [
    ...preludes,
    ...helpers,
    `struct FusedOut_ { ${outTypes.map((t, k) => `o${k}: ${t}`).join(', ')} }`,
    `fn fused_(${inputTypes.map((t, k) => `i${k}: ${t}`).join(', ')}) -> FusedOut_ {`,
    ...body.map((l) => `  ${l}`),
    `  return FusedOut_(${program.outputs.map((o) => `t${o}`).join(', ')});`,
    '}',
  ].join('\n');
  return { code, outTypes };
}

/**
 * The checks every fused kernel makes first: its storage buffers (inputs + outputs) within the device's
 * maxStorageBuffersPerShaderStage, and one output spec per output of its program or epilogue.
 */
export function checkFusedIo(
  gpu: Gpu,
  op: string,
  inputs: number,
  outputs: number,
  expectedOutputs: number,
  of: 'program' | 'epilogue',
): void {
  const storage = inputs + outputs;
  const limit = gpu.limits.maxStorageBuffersPerShaderStage;
  if (storage > limit) {
    throw new BackendError(
      op,
      `the program binds ${storage} storage buffers (${inputs} inputs, ${outputs} outputs), over the device's maxStorageBuffersPerShaderStage (${limit}); split it into smaller programs (jit does, from the backend's capabilities.fusedBindings)`,
    );
  }
  if (outputs !== expectedOutputs) {
    throw new BackendError(
      op,
      `${outputs} output specs for ${of === 'program' ? 'a program' : 'an epilogue'} with ${expectedOutputs} outputs`,
    );
  }
}
