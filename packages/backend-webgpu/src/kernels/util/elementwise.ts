// Elementwise kernels with NumPy broadcasting through strides held in uniforms: one pipeline per
// (op, dtypes, merged rank, operand layouts) serves every shape. Operands that walk the output
// contiguously read at the flat index; size-1 operands read element 0.

import type { DType, TensorInfo, TensorSpec } from '@libml/core';
import type { Gpu } from '../../gpu.js';
import type { GpuKernel } from '../types.js';
import {
  allocOutput,
  broadcastStrides,
  dataOf,
  flatIndex,
  header,
  MAIN_1D,
  mergeDims,
  offsetsCode,
  sizeOf,
  stridesOf,
  type WgslType,
  wgslType,
} from './wgsl.js';

/** The WGSL expression of an elementwise op: operand values are named a, b, c; params from p(1 + ...) up. */
export interface ElementwiseOp {
  readonly name: string;
  /** Expression for the output value given the input types and the output type. */
  readonly expr: (inTypes: readonly WgslType[], outType: WgslType) => string;
  /** Helper functions the expression uses. */
  readonly prelude?: (inTypes: readonly WgslType[], outType: WgslType) => string;
  /** Extra scalar params (e.g. alpha), read in the expression with pf(EXTRA + i). */
  readonly extra?: readonly number[];
  /** Distinguishes variants that change the code (e.g. gelu's approximation). */
  readonly variant?: string;
}

const OPERANDS = ['a', 'b', 'c'];
/** Elements per invocation (one vec4) for kernels without strided operands. */
const ELEMENTS_PER_INVOCATION = 4;

/** How an operand walks the output: 'c' contiguously, '0' a single element, 's' through strides. */
export type OperandLayout = 'c' | '0' | 's';

/**
 * Layouts of operands broadcast to `out`, and for the strided ones the merged index space (`shape`, rank
 * 0 when none is strided) with each strided operand's strides over it (in `stridedIdx` order).
 */
export function operandLayouts(
  shapes: readonly (readonly number[])[],
  out: readonly number[],
): { layouts: OperandLayout[]; stridedIdx: number[]; rank: number; shape: number[]; strides: number[][] } {
  const n = sizeOf(out);
  const layouts = shapes.map((shape): OperandLayout => {
    const size = sizeOf(shape);
    if (size === n && shape.length <= out.length) {
      const s = broadcastStrides(shape, out);
      const o = stridesOf(out);
      if (s.every((v, i) => v === o[i] || out[i] === 1)) return 'c';
    }
    return size === 1 ? '0' : 's';
  });
  const stridedIdx = layouts.flatMap((l, k) => (l === 's' ? [k] : []));
  if (stridedIdx.length === 0) return { layouts, stridedIdx, rank: 0, shape: [], strides: [] };
  const merged = mergeDims(
    out,
    stridedIdx.map((k) => broadcastStrides(shapes[k], out)),
  );
  return { layouts, stridedIdx, rank: merged.shape.length, shape: merged.shape, strides: merged.strides };
}

/** Runs an elementwise op over `inputs` broadcast to `out`. */
export function runElementwise(
  gpu: Gpu,
  op: ElementwiseOp,
  inputs: readonly TensorInfo[],
  out: TensorSpec,
): ReturnType<typeof allocOutput> {
  const y = allocOutput(gpu, op.name, out);
  const n = sizeOf(out.shape);
  const inTypes = inputs.map((t) => wgslType(t.dtype));
  const outType = wgslType(out.dtype);
  const {
    layouts,
    stridedIdx,
    rank,
    shape: mergedShape,
    strides: mergedStrides,
  } = operandLayouts(
    inputs.map((t) => t.shape),
    out.shape,
  );
  const extra = op.extra ?? [];
  // Params: [n, extra..., shape(rank), strides(rank) per strided operand].
  const extraAt = 1;
  const shapeAt = extraAt + extra.length;
  const params = [n, ...extra];
  if (rank > 0) {
    params.push(...mergedShape);
    for (const s of mergedStrides) params.push(...s);
  }
  const wg = gpu.tiles.wg;
  // Without strided operands each invocation takes four consecutive elements as vec4s (fewer, wider
  // accesses: on software adapters the per-invocation and per-access costs dominate these kernels). A
  // ragged end computes and stores up to three elements past n: storage is allocated in size classes of
  // at least 64 bytes, so the last vec4 is inside the buffer, and nothing reads past a tensor's size.
  const per = rank === 0 ? ELEMENTS_PER_INVOCATION : 1;
  const key = `ew:${op.name}:${op.variant ?? ''}:${inTypes.join(',')}>${outType}:${layouts.join('')}:r${rank}:e${extra.length}:wg${wg}:x${per}`;
  const program = {
    key,
    code: () => {
      const names = stridedIdx.map((k) => `o${k}`);
      const stridesAt = stridedIdx.map((_, j) => shapeAt + rank + j * rank);
      const reads = inputs.map((_, k) => {
        const idx = layouts[k] === 'c' ? 'i' : layouts[k] === '0' ? '0u' : `o${k}`;
        return `let ${OPERANDS[k]} = x${k}[${idx}];`;
      });
      if (per > 1) {
        // Operands and output as vec4 arrays (one 16-byte access per lane); the op stays scalar.
        const loads = inputs.map((_, k) =>
          layouts[k] === 'c' ? `  let v${k} = x${k}[i4];` : `  let v${k} = x${k}[0u][0u];`,
        );
        const lanes = [0, 1, 2, 3].map((e) => {
          const names = inputs.map((_, k) =>
            layouts[k] === 'c' ? `let ${OPERANDS[k]} = v${k}[${e}];` : `let ${OPERANDS[k]} = v${k};`,
          );
          return `  { ${names.join(' ')} r[${e}] = ${op.expr(inTypes, outType)}; }`;
        });
        return [
          header(
            inTypes.map((t) => `vec4<${t}>`),
            [`vec4<${outType}>`],
          ),
          `const EXTRA = ${extraAt}u;`,
          op.prelude?.(inTypes, outType) ?? '',
          MAIN_1D(wg),
          `  let i4 = ${flatIndex(wg)};`,
          '  if (i4 * 4u >= pu(0u)) { return; }',
          ...loads,
          `  var r: vec4<${outType}>;`,
          ...lanes,
          '  y0[i4] = r;',
          '}',
        ].join('\n');
      }
      return [
        header(inTypes, [outType]),
        `const EXTRA = ${extraAt}u;`,
        op.prelude?.(inTypes, outType) ?? '',
        MAIN_1D(wg),
        `  let i = ${flatIndex(wg)};`,
        '  if (i >= pu(0u)) { return; }',
        rank > 0 ? offsetsCode('i', rank, shapeAt, names, stridesAt) : '',
        ...reads,
        `  y0[i] = ${op.expr(inTypes, outType)};`,
        '}',
      ].join('\n');
    },
  };
  gpu.dispatch(
    op.name,
    program,
    inputs.map((t) => dataOf(gpu, t)),
    [y],
    params,
    gpu.grid(Math.ceil(n / (wg * per))),
  );
  return y;
}

/** A kernel applying `op` to its inputs (one output, broadcast). */
export function elementwiseKernel<A>(op: ElementwiseOp | ((attrs: A) => ElementwiseOp)): GpuKernel<A> {
  return (gpu, inputs, attrs, outputs) => {
    const resolved = typeof op === 'function' ? op(attrs) : op;
    return [runElementwise(gpu, resolved, inputs, outputs[0])];
  };
}

/** Float-only unary op with an expression in `a` (ints are promoted by core before they get here). */
export function unaryOp(name: string, expr: string, prelude?: string): ElementwiseOp {
  return { name, expr: () => expr, prelude: prelude ? () => prelude : undefined };
}

export function unaryKernel(name: string, expr: string, prelude?: string): GpuKernel<unknown> {
  return elementwiseKernel(unaryOp(name, expr, prelude));
}

export function isFloatType(t: WgslType): boolean {
  return t === 'f32';
}

export function zeroOf(t: WgslType): string {
  return t === 'f32' ? '0.0' : t === 'i32' ? '0i' : '0u';
}

export type { DType };
