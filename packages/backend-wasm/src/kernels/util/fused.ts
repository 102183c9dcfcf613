// jit's fused elementwise programs on the wasm backend: the program is encoded as an i32 block that
// assembly/fused.ts interprets chunk by chunk (each instruction one SIMD loop over a chunk held in cache),
// with slots reused once a value is dead and outputs written in place. A threaded backend queues runs of
// chunks for its threads, each with its own register area (results are identical to one thread).

import type { DType, ElementwiseInstruction, ElementwiseProgram, TensorInfo, TensorSpec } from '@libml/core';
import type { WasmData } from '../../data.js';
import { FN_FUSED } from '../../protocol.js';
import type { Runtime } from '../../runtime.js';
import { Binary, Cast, Unary } from './ops.js';
import { broadcastStrides, collapseDims, contiguousStrides, product } from './strides.js';

/** An operand of a fused program: the kernel's inputs, or the product of fusedMatmul. */
export interface FusedOperand {
  readonly ptr: number;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

// Layout constants shared with assembly/fused.ts.
const HEADER = 8;
const INS_WORDS = 10;
const OUT_WORDS = 3;
/** Words of walk counters in each register area, after the address table. */
const COUNTER_WORDS = 64;
/** Elements per chunk: a multiple of 4 (whole SIMD lanes); 8 KiB per float32 slot. */
export const FUSED_CHUNK = 2048;

const OP_INPUT = 0;
const OP_CONST = 1;
const OP_UNARY = 2;
const OP_CAST = 3;
const OP_BINARY = 4;
const OP_COMPARE = 5;
const OP_WHERE = 6;

const M_CONTIGUOUS = 0;
const M_SCALAR = 1;
const M_BROADCAST = 2;

const KIND: Readonly<Record<DType, number>> = { float32: 0, int32: 1, bool: 2, float64: -1 };

function kindOf(dtype: DType): number {
  const k = KIND[dtype];
  if (k === undefined || k < 0) throw new Error(`wasm fused kernels: ${dtype} is not supported`);
  return k;
}

const UNARY: Readonly<Record<string, number>> = {
  abs: Unary.abs,
  exp: Unary.exp,
  log: Unary.log,
  sqrt: Unary.sqrt,
  sin: Unary.sin,
  cos: Unary.cos,
  tanh: Unary.tanh,
  erf: Unary.erf,
};
const BINARY: Readonly<Record<string, number>> = {
  add: Binary.add,
  mul: Binary.mul,
  div: Binary.div,
  pow: Binary.pow,
  maximum: Binary.maximum,
};

/** The cast kernel's conversion code from one dtype to another (-1: same kind, a copy). */
function castKind(from: DType, to: DType): number {
  if (from === to) return -1;
  if (from === 'float32') return to === 'int32' ? Cast.f2i : Cast.f2b;
  if (from === 'int32') return to === 'float32' ? Cast.i2f : Cast.i2b;
  return to === 'float32' ? Cast.b2f : Cast.b2i;
}

const f32Bits = new Int32Array(1);
const f32View = new Float32Array(f32Bits.buffer);

/** A constant's storage bits in its dtype (float32 rounded, int32 wrapped, bool 0/1). */
function constBits(dtype: DType, value: number): number {
  if (dtype === 'float32') {
    f32View[0] = value;
    return f32Bits[0];
  }
  if (dtype === 'int32') return Number.isFinite(value) ? Math.trunc(value) | 0 : 0;
  return value !== 0 ? 1 : 0;
}

function argsOf(ins: ElementwiseInstruction): readonly number[] {
  return 'args' in ins ? ins.args : [];
}

/** The encoded program for these operands and outputs, and the size of each thread's register area. */
function encode(
  program: ElementwiseProgram,
  operands: readonly FusedOperand[],
  outs: readonly WasmData[],
  shape: readonly number[],
  chunk: number,
): { block: Int32Array; regsBytes: number } {
  const ins = program.instructions;
  const count = ins.length;
  const total = product(shape);
  // How each input is read.
  const modes = ins.map((x) => {
    if (x.op !== 'input') return -1;
    const size = product(operands[x.input].shape);
    return size === total ? M_CONTIGUOUS : size === 1 ? M_SCALAR : M_BROADCAST;
  });
  // Outputs written in place by their instruction (the first output of each op); the rest are copied.
  const direct = new Array<number>(count).fill(-1);
  const copy = program.outputs.map((i, k) => {
    const op = ins[i].op;
    if (op === 'input' || op === 'const' || direct[i] >= 0) return 1;
    direct[i] = k;
    return 0;
  });
  // Last use of each value; values read at the end of each chunk (copied outputs) live to the end.
  const lastUse = new Array<number>(count).fill(-1);
  ins.forEach((x, i) => {
    for (const a of argsOf(x)) lastUse[a] = i;
  });
  program.outputs.forEach((i, k) => {
    if (copy[k]) lastUse[i] = count;
  });
  // Slots: constants and scalar inputs get slots of their own first (filled once per call, never shared);
  // other values free theirs after their last use, but only after the reader's own slot is taken (a result
  // never aliases an operand).
  const slotOf = new Array<number>(count).fill(-1);
  let slots = 0;
  ins.forEach((x, i) => {
    if (x.op === 'const' || modes[i] === M_SCALAR) slotOf[i] = slots++;
  });
  const free: number[] = [];
  const take = () => free.pop() ?? slots++;
  const releaseAt: number[][] = Array.from({ length: count + 1 }, () => []);
  ins.forEach((x, i) => {
    const needsSlot = x.op === 'input' ? modes[i] === M_BROADCAST : x.op !== 'const' && direct[i] < 0;
    if (needsSlot) {
      slotOf[i] = take();
      if (lastUse[i] < 0) releaseAt[i].push(slotOf[i]);
      else if (lastUse[i] < count) releaseAt[lastUse[i]].push(slotOf[i]);
    }
    for (const s of releaseAt[i]) free.push(s);
  });
  const slotBase = Math.ceil(((count + COUNTER_WORDS) * 4) / 16) * 16;
  const regsBytes = slotBase + slots * chunk * 4;

  // Walks of broadcast inputs.
  const walks: number[][] = [];
  const walkAt = new Array<number>(count).fill(0);
  let walkWords = HEADER + count * INS_WORDS + program.outputs.length * OUT_WORDS;
  ins.forEach((x, i) => {
    if (x.op !== 'input' || modes[i] !== M_BROADCAST) return;
    const strides = broadcastStrides(operands[x.input].shape, shape);
    const c = collapseDims(shape, [contiguousStrides(shape), strides]);
    const walk = [c.shape.length, ...c.shape, ...c.strides[1]];
    walkAt[i] = walkWords;
    walkWords += walk.length;
    walks.push(walk);
  });

  const block = new Int32Array(walkWords);
  block[0] = count;
  block[1] = program.outputs.length;
  block[2] = total;
  block[3] = chunk;
  ins.forEach((x, i) => {
    const w = HEADER + i * INS_WORDS;
    const args = argsOf(x);
    block[w + 1] = kindOf(x.dtype);
    block[w + 2] = args[0] ?? 0;
    block[w + 3] = args[1] ?? 0;
    block[w + 4] = args[2] ?? 0;
    block[w + 7] = slotOf[i] < 0 ? -1 : slotBase + slotOf[i] * chunk * 4;
    block[w + 9] = walkAt[i];
    switch (x.op) {
      case 'input': {
        const operand = operands[x.input];
        if (kindOf(operand.dtype) !== kindOf(x.dtype)) {
          throw new Error(
            `wasm fusedElementwise: input ${x.input} is ${operand.dtype}, the program reads ${x.dtype}`,
          );
        }
        block[w] = OP_INPUT;
        block[w + 6] = operand.ptr;
        block[w + 8] = modes[i];
        break;
      }
      case 'const':
        block[w] = OP_CONST;
        block[w + 6] = constBits(x.dtype, x.value);
        break;
      case 'cast':
        block[w] = OP_CAST;
        block[w + 5] = castKind(ins[x.args[0]].dtype, x.dtype);
        break;
      case 'equal':
      case 'less':
        block[w] = OP_COMPARE;
        block[w + 5] = (x.op === 'equal' ? Binary.equal : Binary.less) + 16 * kindOf(ins[x.args[0]].dtype);
        break;
      case 'where':
        block[w] = OP_WHERE;
        break;
      default:
        if (x.op in UNARY) {
          block[w] = OP_UNARY;
          block[w + 5] = UNARY[x.op];
        } else if (x.op in BINARY) {
          block[w] = OP_BINARY;
          block[w + 5] = BINARY[x.op];
        } else {
          throw new Error(`wasm fusedElementwise: unknown instruction '${(x as { op: string }).op}'`);
        }
    }
    if (x.op !== 'input' && x.op !== 'const' && direct[i] >= 0) {
      block[w + 8] = 1;
      block[w + 6] = outs[direct[i]].ptr;
    }
  });
  const outBase = HEADER + count * INS_WORDS;
  program.outputs.forEach((i, k) => {
    block[outBase + k * OUT_WORDS] = i;
    block[outBase + k * OUT_WORDS + 1] = outs[k].ptr;
    block[outBase + k * OUT_WORDS + 2] = copy[k];
  });
  let at = outBase + program.outputs.length * OUT_WORDS;
  for (const walk of walks) {
    block.set(walk, at);
    at += walk.length;
  }
  return { block, regsBytes };
}

/** Runs `program` over `operands` (each broadcastable to `shape`) into `outs`, each of `shape`. */
export function runFused(
  rt: Runtime,
  program: ElementwiseProgram,
  operands: readonly FusedOperand[],
  outs: readonly WasmData[],
  shape: readonly number[],
): void {
  const total = product(shape);
  if (total === 0) return;
  const chunk = Math.min(FUSED_CHUNK, Math.ceil(total / 4) * 4);
  const chunks = Math.ceil(total / chunk);
  const { block, regsBytes } = encode(program, operands, outs, shape, chunk);
  const ops = program.instructions.filter((x) => x.op !== 'input' && x.op !== 'const').length;
  const pool = rt.pool;
  const parts =
    pool && chunks >= 2 && pool.worthSplitting(total * Math.max(ops, 1) * 4)
      ? Math.min(pool.threads, chunks)
      : 1;
  const regs: number[] = [];
  for (let t = 0; t < parts; t++) regs.push(rt.temp(regsBytes));
  const prog = rt.ints(block);
  if (parts === 1 || !pool) {
    rt.k.fusedChunks(prog, regs[0], 0, chunks);
    return;
  }
  // A queue of chunk runs (about 8 per thread), each thread with its own register area (resource 1,
  // relocated into argument 1), taken from a shared counter so a late worker does fewer.
  const runs = Math.min(chunks, 8 * parts);
  const calls: number[][] = [];
  for (let j = 0; j < runs; j++) {
    const start = Math.floor((j * chunks) / runs);
    const end = Math.floor(((j + 1) * chunks) / runs);
    calls.push([FN_FUSED, 1 << 2, prog, 0, start, end]);
  }
  pool.runJobs(
    rt.k,
    1,
    regs.map((r) => [r]),
    calls,
    (bytes) => rt.temp(bytes),
  );
}

/**
 * A fused kernel's epilogue: `program` over the producer's `result` (input 0, float32, of the outputs'
 * shape) and `extras` (inputs 1.., broadcast) into fresh outputs; `result` is released either way.
 */
export function runEpilogue(
  rt: Runtime,
  program: ElementwiseProgram,
  result: WasmData,
  extras: readonly TensorInfo[],
  outputs: readonly TensorSpec[],
): WasmData[] {
  const shape = outputs[0].shape;
  const outs = outputs.map((spec) => rt.output(spec));
  try {
    runFused(
      rt,
      program,
      [
        { ptr: result.ptr, shape, dtype: 'float32' },
        ...extras.map((x) => ({ ptr: rt.ptr(x), shape: x.shape, dtype: x.dtype })),
      ],
      outs,
      shape,
    );
  } finally {
    rt.release(result);
  }
  return outs;
}
