// Deterministic case inputs: each input's values come from a Philox stream keyed by a hash of the
// case and input index, rounded to float32, so the TS runner and the Python reference see the same data.

import { randomBits } from '@libml/core';
import type { CaseSpec, InputSpec } from './types.js';

/** FNV-1a hash of a string, as a 32-bit seed. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export interface HostArray {
  readonly dtype: 'float32' | 'int32' | 'bool' | 'float64';
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function uniform(seed: number, n: number): Float64Array {
  const bits = randomBits(seed, n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (bits[i] >>> 8) * 2 ** -24;
  return out;
}

/** Values for one input spec, drawn from `seed`. Floats are rounded to float32. */
export function drawInput(spec: InputSpec, seed: number): HostArray {
  const dtype = spec.dtype ?? 'float32';
  const n = sizeOf(spec.shape);
  const data = new Float64Array(n);
  if (spec.values) {
    if (spec.values.length !== n)
      throw new Error(`input has ${spec.values.length} values for shape [${spec.shape}]`);
    spec.values.forEach((v, i) => {
      data[i] = Number(v);
    });
  } else {
    const u = uniform(seed, 2 * n);
    const kind = spec.kind ?? (dtype === 'bool' ? 'bool' : dtype === 'int32' ? 'int' : 'normal');
    for (let i = 0; i < n; i++) {
      const a = u[2 * i];
      const b = u[2 * i + 1];
      switch (kind) {
        case 'normal':
          data[i] = Math.sqrt(-2 * Math.log(1 - a)) * Math.cos(2 * Math.PI * b);
          break;
        case 'uniform': {
          const lo = spec.low ?? -1;
          const hi = spec.high ?? 1;
          data[i] = lo + (hi - lo) * a;
          break;
        }
        case 'positive':
          data[i] = 0.5 + 1.5 * a;
          break;
        case 'awayFromZero':
          data[i] = (b < 0.5 ? -1 : 1) * (0.25 + 1.75 * a);
          break;
        case 'int': {
          const lo = spec.low ?? -5;
          const hi = spec.high ?? 5;
          data[i] = lo + Math.floor((hi - lo) * a);
          break;
        }
        case 'bool':
          data[i] = a < 0.5 ? 1 : 0;
          break;
      }
    }
  }
  if (dtype === 'float32') for (let i = 0; i < n; i++) data[i] = Math.fround(data[i]);
  if (dtype === 'bool') for (let i = 0; i < n; i++) data[i] = data[i] !== 0 ? 1 : 0;
  return { dtype, shape: spec.shape, data };
}

export function caseSeed(op: string, c: CaseSpec, salt: string): number {
  return hashSeed(`${op}/${c.name}/${salt}`);
}

export function caseInputs(op: string, c: CaseSpec): HostArray[] {
  return c.inputs.map((spec, i) => drawInput(spec, caseSeed(op, c, `input${i}`)));
}

/** A seeded float32 normal array of `shape` (cotangents and directions). */
export function normalArray(shape: readonly number[], seed: number): HostArray {
  return drawInput({ shape, kind: 'normal' }, seed);
}

/** A short checksum of inputs, stored beside the goldens to catch stale ones. */
export function checksum(arrays: readonly HostArray[]): string {
  let h = 0x811c9dc5;
  const f = new Float64Array(1);
  const bytes = new Uint8Array(f.buffer);
  for (const a of arrays) {
    for (const v of a.data) {
      f[0] = v;
      for (const byte of bytes) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
    }
  }
  return h.toString(16);
}
