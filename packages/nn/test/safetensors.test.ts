// The safetensors format: layout of the bytes, round trip of every dtype, metadata, malformed files.

import { setBackend, type Tensor, tensor } from '@libml/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { decodeSafetensors, encodeSafetensors, SafetensorsError } from '../src/index.js';
import { values } from './setup.js';

beforeAll(async () => {
  await setBackend('cpu');
});

describe('safetensors', () => {
  test('bytes follow the format: u64 LE header length, JSON header, aligned LE data', async () => {
    const bytes = await encodeSafetensors({ b: tensor([1.5, -2]), a: tensor([7], [1], 'int32') }, { k: 'v' });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header).toEqual({
      __metadata__: { k: 'v' },
      a: { dtype: 'I32', shape: [1], data_offsets: [0, 4] },
      b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] },
    });
    const data = bytes.subarray(8 + n);
    expect(data.length).toBe(12);
    const dv = new DataView(data.buffer, data.byteOffset);
    expect(dv.getInt32(0, true)).toBe(7);
    expect(dv.getFloat32(4, true)).toBe(1.5);
    expect(dv.getFloat32(8, true)).toBe(-2);
  });

  test('round trip of F32, F64, I32, BOOL, scalars and empty tensors: bytes to equal tensors', async () => {
    const original: Record<string, Tensor> = {
      f32: tensor([
        [1, 2, 3],
        [4, 5, 6.25],
      ]),
      f64: tensor([Math.PI, -1e-300], [2], 'float64'),
      i32: tensor([-5, 0, 2147483647], [3], 'int32'),
      bool: tensor([true, false, true]),
      scalar: tensor(3, [], 'float32'),
      empty: tensor([], [0, 4], 'float32'),
    };
    const bytes = await encodeSafetensors(original);
    const { tensors, metadata } = decodeSafetensors(bytes);
    expect(metadata).toEqual({});
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(original).sort());
    for (const [name, t] of Object.entries(original)) {
      expect(tensors[name].dtype).toBe(t.dtype);
      expect(tensors[name].shape).toEqual(t.shape);
      expect(values(tensors[name])).toEqual(values(t));
    }
    // F64 first, so 8-byte values are 8-byte aligned in the file
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header.f64.data_offsets[0]).toBe(0);
  });

  test('decodes a view into a larger buffer at an odd offset', async () => {
    const bytes = await encodeSafetensors({ x: tensor([1, 2, 3], [3], 'float64') });
    const big = new Uint8Array(bytes.length + 3);
    big.set(bytes, 3);
    expect(values(decodeSafetensors(big.subarray(3)).tensors.x)).toEqual([1, 2, 3]);
  });

  test('malformed files are rejected with a clear error and leak nothing', async () => {
    const enc = (header: unknown, data = new Uint8Array(0)) => {
      const h = new TextEncoder().encode(JSON.stringify(header));
      const out = new Uint8Array(8 + h.length + data.length);
      new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
      out.set(h, 8);
      out.set(data, 8 + h.length);
      return out;
    };
    expect(() => decodeSafetensors(new Uint8Array(4))).toThrow(SafetensorsError);
    expect(() =>
      decodeSafetensors(enc({ x: { dtype: 'F16', shape: [1], data_offsets: [0, 2] } }, new Uint8Array(2))),
    ).toThrow(/F16/);
    expect(() =>
      decodeSafetensors(enc({ x: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, new Uint8Array(4))),
    ).toThrow(/bytes for 2/);
    expect(() =>
      decodeSafetensors(enc({ x: { dtype: 'F32', shape: [1], data_offsets: [0, 8] } }, new Uint8Array(4))),
    ).toThrow(/outside/);
    const bad = enc({});
    new DataView(bad.buffer).setBigUint64(0, 1000n, true);
    expect(() => decodeSafetensors(bad)).toThrow(/header length/);
  });
});
