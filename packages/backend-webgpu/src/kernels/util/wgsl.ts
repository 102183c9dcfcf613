// Shared WGSL: binding declarations, the params accessor, NaN-safe helpers that do not depend on the
// shader compiler honouring NaN in comparisons, and index arithmetic emitted for a fixed rank.

import type { DType, TensorInfo, TensorSpec } from '@libml/core';
import { BackendError } from '@libml/core';
import { type Gpu, GpuData } from '../../gpu.js';

export type WgslType = 'f32' | 'i32' | 'u32';

/** Storage type per dtype: bool is stored as u32 0/1. */
export function wgslType(dtype: DType): WgslType {
  switch (dtype) {
    case 'float32':
      return 'f32';
    case 'int32':
      return 'i32';
    case 'bool':
      return 'u32';
    default:
      throw new BackendError('webgpu', `dtype ${dtype} is not supported by the webgpu backend`);
  }
}

/**
 * Bindings: params (uniform) at 0, inputs x0.. (read-only), outputs y0.. (read_write), and helpers:
 * p(i) / pu(i) / pf(i) read param word i as i32 / u32 / f32; is_nan, nan(), inf().
 */
export function header(inputs: readonly string[], outputs: readonly string[]): string {
  const lines = [
    'struct Params { v: array<vec4<i32>, 32> }',
    '@group(0) @binding(0) var<uniform> params: Params;',
    'fn p(i: u32) -> i32 { return params.v[i / 4u][i % 4u]; }',
    'fn pu(i: u32) -> u32 { return u32(params.v[i / 4u][i % 4u]); }',
    'fn pf(i: u32) -> f32 { return bitcast<f32>(params.v[i / 4u][i % 4u]); }',
    // Private vars, not consts: const-evaluating a NaN or an infinity is a shader-creation error.
    'var<private> NAN_BITS: u32 = 0x7fc00000u;',
    'var<private> INF_BITS: u32 = 0x7f800000u;',
    'fn nan() -> f32 { return bitcast<f32>(NAN_BITS); }',
    'fn inf() -> f32 { return bitcast<f32>(INF_BITS); }',
    'fn is_nan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }',
  ];
  inputs.forEach((t, i) => {
    lines.push(`@group(0) @binding(${1 + i}) var<storage, read> x${i}: array<${t}>;`);
  });
  outputs.forEach((t, i) => {
    lines.push(`@group(0) @binding(${1 + inputs.length + i}) var<storage, read_write> y${i}: array<${t}>;`);
  });
  return lines.join('\n');
}

/** The flat invocation index over a 2-D grid of 1-D workgroups of `wg` threads. */
export function flatIndex(wg: number): string {
  return `gid.x + gid.y * nwg.x * ${wg}u`;
}

export const MAIN_1D = (wg: number) =>
  `@compute @workgroup_size(${wg})\nfn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {`;

/** The GPU storage behind an input; throws when the handle belongs to another backend. */
export function dataOf(gpu: Gpu, info: TensorInfo): GpuData {
  const id = info.dataId;
  if (!(id instanceof GpuData) || id.owner !== gpu) {
    throw new BackendError('webgpu', 'input storage does not belong to this webgpu backend');
  }
  return id;
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function allocOutput(gpu: Gpu, op: string, spec: TensorSpec): GpuData {
  return gpu.alloc(op, sizeOf(spec.shape), spec.dtype);
}

export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** Strides of `shape` read as `out` under NumPy broadcasting (0 where it stretches). */
export function broadcastStrides(shape: readonly number[], out: readonly number[]): number[] {
  const s = stridesOf(shape);
  const offset = out.length - shape.length;
  return out.map((_, i) => {
    const j = i - offset;
    if (j < 0) return 0;
    return shape[j] === 1 ? 0 : s[j];
  });
}

/**
 * Merges dims of an index space that every operand walks contiguously, and drops size-1 dims: fewer
 * dims mean fewer pipeline variants and less index arithmetic.
 */
export function mergeDims(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const last = outShape.length - 1;
    if (last >= 0 && strides.every((s, k) => outStrides[k][last] === s[d] * shape[d])) {
      outShape[last] *= shape[d];
      strides.forEach((s, k) => {
        outStrides[k][last] = s[d];
      });
      continue;
    }
    outShape.push(shape[d]);
    strides.forEach((s, k) => {
      outStrides[k].push(s[d]);
    });
  }
  return { shape: outShape, strides: outStrides };
}

/**
 * WGSL statements decomposing `index` (u32) over a shape held in params at `shapeAt` (rank words),
 * accumulating per-operand offsets `names[k] += coord * p(stridesAt[k] + d)`.
 */
export function offsetsCode(
  index: string,
  rank: number,
  shapeAt: number,
  names: readonly string[],
  stridesAt: readonly number[],
): string {
  const lines = [`var rem_ = ${index};`];
  for (const n of names) lines.push(`var ${n} = 0u;`);
  for (let d = rank - 1; d >= 0; d--) {
    lines.push(`{ let dim = pu(${shapeAt + d}u); let c = rem_ % dim; rem_ = rem_ / dim;`);
    names.forEach((n, k) => {
      lines.push(`  ${n} += c * pu(${stridesAt[k] + d}u);`);
    });
    lines.push('}');
  }
  return lines.join('\n');
}
