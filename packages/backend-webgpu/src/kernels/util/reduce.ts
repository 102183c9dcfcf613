// Reductions over sorted axes: the input's dims are split into kept dims (the output index) and reduced
// dims (the reduction index), each merged where contiguous, with shapes and strides in uniforms. Long
// reductions run one workgroup per output with a shared-memory tree; short ones one invocation per output.

import type { TensorInfo } from '@libml/core';
import type { Gpu, GpuData } from '../../gpu.js';
import {
  dataOf,
  flatIndex,
  header,
  MAIN_1D,
  offsetsCode,
  stridesOf,
  type WgslType,
  wgslType,
} from './wgsl.js';

export interface ReduceState {
  readonly name: string;
  readonly type: WgslType;
  readonly init: string;
}

/**
 * A reduction: per-output state (s_<name>), `accumulate` folds value `v` at reduction index `j` (u32, visited
 * in increasing order per invocation), `merge` folds another state (o_<name>) in, `finalize` writes the
 * outputs (y0[o], ...) from the state; `rsize` is the reduction length (u32). Extra inputs x1.. are read at o.
 */
export interface ReduceOp {
  readonly name: string;
  readonly variant?: string;
  readonly outTypes: readonly WgslType[];
  readonly state: readonly ReduceState[];
  readonly accumulate: string;
  readonly merge: string;
  readonly finalize: string;
  readonly prelude?: string;
  readonly extraInputs?: readonly GpuData[];
  readonly extraTypes?: readonly WgslType[];
}

interface Dim {
  size: number;
  stride: number;
}

function splitDims(shape: readonly number[], axes: readonly number[]): { kept: Dim[]; red: Dim[] } {
  const strides = stridesOf(shape);
  const kept: Dim[] = [];
  const red: Dim[] = [];
  let prevKind: 'k' | 'r' | null = null;
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const kind = axes.includes(d) ? 'r' : 'k';
    const list = kind === 'r' ? red : kept;
    const last = list[list.length - 1];
    if (prevKind === kind && last && last.stride === shape[d] * strides[d]) {
      last.size *= shape[d];
      last.stride = strides[d];
    } else {
      list.push({ size: shape[d], stride: strides[d] });
    }
    prevKind = kind;
  }
  return { kept, red };
}

/** Runs `op` reducing `x` over `axes` into `outputs` (each with the kept dims' size). */
export function runReduce(
  gpu: Gpu,
  op: ReduceOp,
  x: TensorInfo,
  axes: readonly number[],
  outputs: readonly GpuData[],
): void {
  const { kept, red } = splitDims(x.shape, axes);
  const outSize = kept.reduce((a, d) => a * d.size, 1);
  const rsize = red.reduce((a, d) => a * d.size, 1);
  const k = kept.length;
  const m = red.length;
  const params = [
    outSize,
    rsize,
    ...kept.map((d) => d.size),
    ...kept.map((d) => d.stride),
    ...red.map((d) => d.size),
    ...red.map((d) => d.stride),
  ];
  const group = rsize >= 256 || (rsize >= 32 && outSize <= 4096);
  const wg = group ? gpu.tiles.reduceWg : gpu.tiles.wg;
  const inType = wgslType(x.dtype);
  const extraTypes = op.extraTypes ?? [];
  const key = `reduce:${op.name}:${op.variant ?? ''}:${inType}:k${k}:m${m}:${group ? 'g' : 't'}${wg}:x${extraTypes.join(',')}`;
  const base = offsetsCode('o', k, 2, ['base'], [2 + k]);
  const redOffset = offsetsCode('j', m, 2 + 2 * k, ['r'], [2 + 2 * k + m]);
  const decl = op.state.map((s) => `var s_${s.name}: ${s.type} = ${s.init};`).join('\n');
  const loopBody = (start: string, step: string) =>
    [
      `for (var j = ${start}; j < rsize; j += ${step}) {`,
      redOffset,
      '  let v = x0[base + r];',
      op.accumulate,
      '}',
    ].join('\n');
  const code = () => {
    const head = [header([inType, ...extraTypes], op.outTypes), op.prelude ?? ''];
    if (!group) {
      return [
        ...head,
        MAIN_1D(wg),
        `  let o = ${flatIndex(wg)};`,
        '  if (o >= pu(0u)) { return; }',
        '  let rsize = pu(1u);',
        base,
        decl,
        loopBody('0u', '1u'),
        op.finalize,
        '}',
      ].join('\n');
    }
    const shared = op.state.map((s) => `var<workgroup> sh_${s.name}: array<${s.type}, ${wg}>;`).join('\n');
    const store = op.state.map((s) => `sh_${s.name}[lid.x] = s_${s.name};`).join(' ');
    const loadSelf = op.state.map((s) => `s_${s.name} = sh_${s.name}[lid.x];`).join(' ');
    const loadOther = op.state.map((s) => `let o_${s.name} = sh_${s.name}[lid.x + w];`).join(' ');
    const loadFirst = op.state.map((s) => `s_${s.name} = sh_${s.name}[0];`).join(' ');
    return [
      ...head,
      shared,
      `@compute @workgroup_size(${wg})`,
      'fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_id) lid: vec3u) {',
      '  let o = wid.x + wid.y * nwg.x;',
      '  if (o >= pu(0u)) { return; }',
      '  let rsize = pu(1u);',
      base,
      decl,
      loopBody('lid.x', `${wg}u`),
      store,
      '  workgroupBarrier();',
      `  for (var w = ${wg / 2}u; w > 0u; w = w >> 1u) {`,
      `    if (lid.x < w) { ${loadOther} ${loadSelf}`,
      op.merge,
      `      ${store} }`,
      '    workgroupBarrier();',
      '  }',
      `  if (lid.x == 0u) { ${loadFirst}`,
      op.finalize,
      '  }',
      '}',
    ].join('\n');
  };
  const groups = group ? gpu.grid(outSize) : gpu.grid(Math.ceil(outSize / wg));
  gpu.dispatch(op.name, { key, code }, [dataOf(gpu, x), ...(op.extraInputs ?? [])], outputs, params, groups);
}

/** Lowest / highest value of a type, as WGSL expressions. */
export function lowest(t: WgslType): string {
  return t === 'f32' ? '-inf()' : t === 'i32' ? '(-2147483647i - 1i)' : '0u';
}
export function highest(t: WgslType): string {
  return t === 'f32' ? 'inf()' : t === 'i32' ? '2147483647i' : '1u';
}
