// Runs jit's fused elementwise programs on typed arrays: each program is compiled once (by its key) into a
// JavaScript loop with every instruction inlined; where code generation is not allowed (a strict
// Content-Security-Policy), an interpreter with the same semantics runs instead.

import {
  broadcastStrides,
  collapseDims,
  type DataArray,
  type DataId,
  type DType,
  type ElementwiseInstruction,
  type ElementwiseProgram,
  type TensorInfo,
  type TensorSpec,
} from '@libml/core';
import { allocOutput, type CpuData, valuesOf } from '../../data.js';
import { erf } from './erf.js';

/** base^exponent in wrapping int32 arithmetic (square and multiply); negative exponents truncate. */
export function intPow(base: number, exponent: number): number {
  if (exponent < 0) return Math.trunc(base ** exponent) | 0;
  let result = 1;
  while (exponent > 0) {
    if (exponent & 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
    exponent >>>= 1;
  }
  return result;
}

/** Rounds a result to its dtype, as storing it in that dtype's array would. */
function roundTo(dtype: DType, expr: string): string {
  if (dtype === 'float32') return `Math.fround(${expr})`;
  if (dtype === 'int32') return `((${expr}) | 0)`;
  return expr;
}

function expression(
  ins: ElementwiseInstruction,
  arg: (i: number) => string,
  argDtype: (i: number) => DType,
): string {
  const dt = ins.dtype;
  switch (ins.op) {
    case 'input':
    case 'const':
      throw new Error('not an operation');
    case 'abs':
      return roundTo(dt, `Math.abs(${arg(0)})`);
    case 'exp':
    case 'log':
    case 'sqrt':
    case 'sin':
    case 'cos':
    case 'tanh':
      return roundTo(dt, `Math.${ins.op}(${arg(0)})`);
    case 'erf':
      return roundTo(dt, `erf(${arg(0)})`);
    case 'add':
      return roundTo(dt, `${arg(0)} + ${arg(1)}`);
    case 'mul':
      return dt === 'int32' ? `Math.imul(${arg(0)}, ${arg(1)})` : roundTo(dt, `${arg(0)} * ${arg(1)}`);
    case 'div':
      return roundTo(dt, `${arg(0)} / ${arg(1)}`);
    case 'pow':
      return dt === 'int32' ? `intPow(${arg(0)}, ${arg(1)})` : roundTo(dt, `${arg(0)} ** ${arg(1)}`);
    case 'maximum':
      return `Math.max(${arg(0)}, ${arg(1)})`;
    case 'equal':
      return `(${arg(0)} === ${arg(1)} ? 1 : 0)`;
    case 'less':
      return `(${arg(0)} < ${arg(1)} ? 1 : 0)`;
    case 'where':
      return `(${arg(0)} !== 0 ? ${arg(1)} : ${arg(2)})`;
    case 'cast': {
      const from = argDtype(0);
      if (dt === 'bool') return `(${arg(0)} !== 0 ? 1 : 0)`;
      if (dt === 'int32') return from === 'int32' || from === 'bool' ? arg(0) : `(${arg(0)} | 0)`;
      return roundTo(dt, arg(0));
    }
  }
}

function literal(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return Object.is(x, -0) ? '-0' : String(x);
}

/** (inputs, strides per input [per dim], outputs, shape) => fills outputs. */
type Compiled = (
  inputs: readonly DataArray[],
  strides: readonly (readonly number[])[],
  outputs: readonly DataArray[],
  shape: readonly number[],
) => void;

function generate(program: ElementwiseProgram, numInputs: number): Compiled {
  const ins = program.instructions;
  const lines: string[] = [];
  const name = (i: number) => `t${i}`;
  ins.forEach((instruction, i) => {
    if (instruction.op === 'input') lines.push(`const t${i} = x${instruction.input}[p${instruction.input}];`);
    else if (instruction.op === 'const') lines.push(`const t${i} = ${literal(instruction.value)};`);
    else {
      const args = instruction.args;
      lines.push(
        `const t${i} = ${expression(
          instruction,
          (k) => name(args[k]),
          (k) => ins[args[k]].dtype,
        )};`,
      );
    }
  });
  program.outputs.forEach((slot, k) => {
    lines.push(`y${k}[o] = t${slot};`);
  });
  const ks = [...Array(numInputs).keys()];
  const body = `
    ${ks.map((k) => `const x${k} = inputs[${k}];`).join('\n')}
    ${program.outputs.map((_, k) => `const y${k} = outputs[${k}];`).join('\n')}
    const rank = shape.length;
    const inner = rank === 0 ? 1 : shape[rank - 1];
    let rows = 1;
    for (let d = 0; d < rank - 1; d++) rows *= shape[d];
    const idx = new Int32Array(Math.max(rank - 1, 1));
    ${ks.map((k) => `let b${k} = 0; const s${k} = rank === 0 ? 0 : strides[${k}][rank - 1];`).join('\n')}
    let o = 0;
    for (let r = 0; r < rows; r++) {
      ${ks.map((k) => `let p${k} = b${k};`).join(' ')}
      for (let i = 0; i < inner; i++, o++) {
        ${lines.join('\n        ')}
        ${ks.map((k) => `p${k} += s${k};`).join(' ')}
      }
      for (let d = rank - 2; d >= 0; d--) {
        idx[d]++;
        ${ks.map((k) => `b${k} += strides[${k}][d];`).join(' ')}
        if (idx[d] < shape[d]) break;
        ${ks.map((k) => `b${k} -= strides[${k}][d] * shape[d];`).join(' ')}
        idx[d] = 0;
      }
    }`;
  return new Function('erf', 'intPow', `return (inputs, strides, outputs, shape) => {${body}};`)(
    erf,
    intPow,
  ) as Compiled;
}

function scalarOp(ins: ElementwiseInstruction, a: number, b: number, c: number, from: DType): number {
  const dt = ins.dtype;
  const round = (x: number) => (dt === 'float32' ? Math.fround(x) : dt === 'int32' ? x | 0 : x);
  switch (ins.op) {
    case 'abs':
      return round(Math.abs(a));
    case 'exp':
    case 'log':
    case 'sqrt':
    case 'sin':
    case 'cos':
    case 'tanh':
      return round(Math[ins.op](a));
    case 'erf':
      return round(erf(a));
    case 'add':
      return round(a + b);
    case 'mul':
      return dt === 'int32' ? Math.imul(a, b) : round(a * b);
    case 'div':
      return round(a / b);
    case 'pow':
      return dt === 'int32' ? intPow(a, b) : round(a ** b);
    case 'maximum':
      return Math.max(a, b);
    case 'equal':
      return a === b ? 1 : 0;
    case 'less':
      return a < b ? 1 : 0;
    case 'where':
      return a !== 0 ? b : c;
    case 'cast':
      if (dt === 'bool') return a !== 0 ? 1 : 0;
      if (dt === 'int32') return from === 'int32' || from === 'bool' ? a : a | 0;
      return round(a);
    default:
      throw new Error(`not an operation: ${ins.op}`);
  }
}

/** The interpreter: the same loop, one instruction at a time. */
function interpret(program: ElementwiseProgram): Compiled {
  const ins = program.instructions;
  return (inputs, strides, outputs, shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const rank = shape.length;
    const t = new Float64Array(ins.length);
    const idx = new Int32Array(rank);
    const pos = new Int32Array(inputs.length);
    for (let o = 0; o < size; o++) {
      for (let i = 0; i < ins.length; i++) {
        const x = ins[i];
        if (x.op === 'input') t[i] = inputs[x.input][pos[x.input]];
        else if (x.op === 'const') t[i] = x.value;
        else {
          const a = x.args;
          t[i] = scalarOp(x, t[a[0]], t[a[1] ?? 0], t[a[2] ?? 0], ins[a[0]].dtype);
        }
      }
      program.outputs.forEach((slot, k) => {
        outputs[k][o] = t[slot];
      });
      for (let d = rank - 1; d >= 0; d--) {
        idx[d]++;
        for (let k = 0; k < inputs.length; k++) pos[k] += strides[k][d];
        if (idx[d] < shape[d]) break;
        for (let k = 0; k < inputs.length; k++) pos[k] -= strides[k][d] * shape[d];
        idx[d] = 0;
      }
    }
  };
}

const compiled = new Map<string, Compiled>();
let codegenAllowed = true;

function compiledFor(program: ElementwiseProgram, numInputs: number): Compiled {
  const key = `${numInputs}|${program.key}`;
  let fn = compiled.get(key);
  if (!fn) {
    if (codegenAllowed) {
      try {
        fn = generate(program, numInputs);
      } catch {
        codegenAllowed = false; // e.g. CSP without 'unsafe-eval'
      }
    }
    fn ??= interpret(program);
    compiled.set(key, fn);
  }
  return fn;
}

/** Evaluates `program` over `inputs` (each broadcast to `shape`) into `outputs`. */
export function runProgram(
  program: ElementwiseProgram,
  inputs: readonly { values: DataArray; shape: readonly number[] }[],
  outputs: readonly DataArray[],
  shape: readonly number[],
): void {
  const collapsed = collapseDims(
    shape,
    inputs.map((x) => broadcastStrides(x.shape, shape)),
  );
  compiledFor(program, inputs.length)(
    inputs.map((x) => x.values),
    collapsed.strides,
    outputs,
    collapsed.shape,
  );
}

/**
 * A fused kernel's epilogue: `program` over the producer's `result` (input 0, of the outputs' shape) and
 * `extras` (inputs 1.., broadcast), into fresh outputs.
 */
export function runEpilogue(
  program: ElementwiseProgram,
  result: DataId,
  dtype: DType,
  extras: readonly TensorInfo[],
  outputs: readonly TensorSpec[],
): CpuData[] {
  const shape = outputs[0].shape;
  const outs = outputs.map(allocOutput);
  runProgram(
    program,
    [
      { values: valuesOf({ dataId: result, shape, dtype }), shape },
      ...extras.map((x) => ({ values: valuesOf(x), shape: x.shape })),
    ],
    outs.map((o) => o.values),
    shape,
  );
  return outs;
}
