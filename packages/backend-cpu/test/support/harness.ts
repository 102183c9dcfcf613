// Test harness: runs one kernel through a CpuBackend (write -> kernel -> readSync -> dispose) and offers
// seeded random data, index helpers and comparison helpers for the naive references.

import {
  allocArray,
  type DataArray,
  type DType,
  type Kernel,
  type KernelAttrs,
  type KernelName,
  sizeOf,
  type TensorSpec,
} from '@libml/core';
import { expect } from 'vitest';
import { CpuBackend } from '../../src/backend.js';

export const backend = new CpuBackend();

export interface HostTensor {
  readonly values: DataArray;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

export function tensor(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: DType = 'float64',
): HostTensor {
  const data = allocArray(dtype, sizeOf(shape));
  data.set(Array.from(values));
  return { values: data, shape, dtype };
}

/** Runs kernel `name` and returns its outputs' values; every buffer it touched is disposed again. */
export function runKernel<K extends KernelName>(
  name: K,
  attrs: KernelAttrs[K],
  inputs: readonly HostTensor[],
  outputs: readonly TensorSpec[],
): DataArray[] {
  const kernel = backend.kernels[name] as Kernel<KernelAttrs[K]> | undefined;
  if (!kernel) throw new Error(`no kernel ${name}`);
  const before = backend.memory();
  const infos = inputs.map((t) => ({
    dataId: backend.write(t.values, t.shape, t.dtype),
    shape: t.shape,
    dtype: t.dtype,
  }));
  try {
    const ids = kernel(infos, attrs, outputs);
    expect(ids.length).toBe(outputs.length);
    const results = ids.map((id) => backend.readSync(id));
    for (const id of ids) backend.dispose(id);
    return results;
  } finally {
    for (const info of infos) backend.dispose(info.dataId);
    // Every buffer written or produced here was disposed again.
    expect(backend.memory()).toEqual(before);
  }
}

/** Runs a single-output kernel. */
export function run1<K extends KernelName>(
  name: K,
  attrs: KernelAttrs[K],
  inputs: readonly HostTensor[],
  output: TensorSpec,
): DataArray {
  return runKernel(name, attrs, inputs, [output])[0];
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: () => number, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

export function randomTensor(
  random: () => number,
  shape: readonly number[],
  dtype: DType = 'float64',
  scale = 1,
) {
  const n = sizeOf(shape);
  const values = Array.from({ length: n }, () =>
    dtype === 'int32'
      ? randomInt(random, -9, 9)
      : dtype === 'bool'
        ? Number(random() < 0.5)
        : (random() * 2 - 1) * scale,
  );
  return tensor(values, shape, dtype);
}

export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/** Multi-index of flat position `flat` in `shape`. */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let i = shape.length - 1; i >= 0; i--) {
    index[i] = flat % shape[i];
    flat = Math.floor(flat / shape[i]);
  }
  return index;
}

export function ravel(index: readonly number[], shape: readonly number[]): number {
  let flat = 0;
  for (let i = 0; i < shape.length; i++) flat = flat * shape[i] + index[i];
  return flat;
}

/** Flat position in `inShape` of the output multi-index under NumPy broadcasting. */
export function broadcastIndex(outIndex: readonly number[], inShape: readonly number[]): number {
  const lead = outIndex.length - inShape.length;
  let flat = 0;
  for (let i = 0; i < inShape.length; i++)
    flat = flat * inShape[i] + (inShape[i] === 1 ? 0 : outIndex[i + lead]);
  return flat;
}

export function broadcastShape(...shapes: (readonly number[])[]): number[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const o = rank - s.length + i;
      if (s[i] !== 1) out[o] = s[i];
    }
  }
  return out;
}

/** Element-wise closeness with NaN == NaN and matching infinities. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol = 1e-12,
  atol = 1e-12,
) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e)) {
      if (!Number.isNaN(a)) expect.fail(`index ${i}: expected NaN, got ${a}`);
      continue;
    }
    if (a === e) continue;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) expect.fail(`index ${i}: expected ${e}, got ${a}`);
  }
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
