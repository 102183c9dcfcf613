// Turns a group of traced elementwise kernels into an ElementwiseProgram: the SSA text a backend compiles
// (WGSL on webgpu, generated or interpreted code elsewhere). Uniform constants become literals.

import type { ElementwiseInstruction, ElementwiseProgram } from '../backend.js';
import type { DType } from '../dtype.js';
import type { Graph, GraphNode, ValueUse } from './graph.js';

const DTYPE_CODE: Record<DType, string> = { float32: 'f32', float64: 'f64', int32: 'i32', bool: 'b' };

function numberText(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** Canonical text of a program; equal text means equal programs. */
export function programKey(
  instructions: readonly ElementwiseInstruction[],
  outputs: readonly number[],
): string {
  const parts = instructions.map((ins) => {
    const dt = DTYPE_CODE[ins.dtype];
    if (ins.op === 'input') return `in${ins.input}:${dt}`;
    if (ins.op === 'const') return `c${numberText(ins.value)}:${dt}`;
    return `${ins.op}(${ins.args.join(',')}):${dt}`;
  });
  return `${parts.join(';')}->${outputs.join(',')}`;
}

export interface BuiltProgram {
  readonly program: ElementwiseProgram;
  /** The kernel's inputs in program input order. */
  readonly inputs: ValueUse[];
  /** The values the program's outputs stand for. */
  readonly outputs: number[];
}

/**
 * Builds the program of `members` (in execution order). `liveOut(v)` says whether a member's value is read
 * outside the group; `first`, when given, is made program input 0 (a fused matmul's product).
 */
export function buildProgram(
  graph: Graph,
  members: readonly GraphNode[],
  liveOut: (value: number) => boolean,
  first?: number,
  /** An equivalent, cheaper read of an external operand (a broadcastTo's source), if any. */
  substitute?: (u: ValueUse) => ValueUse | undefined,
): BuiltProgram {
  const instructions: ElementwiseInstruction[] = [];
  const inputs: ValueUse[] = [];
  const slotOf = new Map<string, number>();
  const produced = new Map<number, number>();

  const operand = (use: ValueUse): number => {
    const own = produced.get(use.value);
    if (own !== undefined) return own;
    const u = substitute?.(use) ?? use;
    const source = graph.sources[u.value];
    const key = `${u.value}@${u.shape.join('x')}`;
    const known = slotOf.get(key);
    if (known !== undefined) return known;
    if (source.kind === 'constant' && source.uniform !== undefined) {
      instructions.push({ op: 'const', dtype: u.dtype, value: source.uniform });
    } else {
      instructions.push({ op: 'input', dtype: u.dtype, input: inputs.length });
      inputs.push(u);
    }
    slotOf.set(key, instructions.length - 1);
    return instructions.length - 1;
  };

  if (first !== undefined) {
    const spec = graph.specs[first];
    operand({ value: first, shape: spec.shape, dtype: spec.dtype });
  }
  for (const node of members) {
    const args = node.inputs.map(operand);
    const dtype = node.specs[0].dtype;
    const op = node.kernel as ElementwiseInstruction['op'];
    let ins: ElementwiseInstruction;
    if (op === 'where') ins = { op, dtype, args: [args[0], args[1], args[2]] };
    else if (
      op === 'add' ||
      op === 'mul' ||
      op === 'div' ||
      op === 'pow' ||
      op === 'maximum' ||
      op === 'equal' ||
      op === 'less'
    ) {
      ins = { op, dtype, args: [args[0], args[1]] };
    } else if (op === 'input' || op === 'const') {
      throw new Error(`jit: '${op}' is not a kernel`);
    } else ins = { op, dtype, args: [args[0]] };
    instructions.push(ins);
    produced.set(node.outputs[0], instructions.length - 1);
  }
  const outputs: number[] = [];
  const outputSlots: number[] = [];
  for (const node of members) {
    const v = node.outputs[0];
    if (liveOut(v)) {
      outputs.push(v);
      outputSlots.push(produced.get(v) as number);
    }
  }
  return {
    program: { instructions, outputs: outputSlots, key: programKey(instructions, outputSlots) },
    inputs,
    outputs,
  };
}
