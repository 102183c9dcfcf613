// The three ways to load the kernel module: embedded base64 (default), caller-supplied bytes, and a URL
// (fetch, with the fallback from streaming compilation to bytes).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { decodeBase64 } from '../src/base64.js';
import { WasmBackend } from '../src/index.js';

const wasmPath = fileURLToPath(new URL('../build/kernels.wasm', import.meta.url));
const relaxedPath = fileURLToPath(new URL('../build/kernels-relaxed.wasm', import.meta.url));
const WebAssemblyValidate = (bytes: Uint8Array): boolean =>
  (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly.validate(
    bytes,
  );

async function roundTrip(b: WasmBackend): Promise<number[]> {
  await b.ready();
  const id = b.write(new Float32Array([1, 2, 3]), [3], 'float32');
  const [out] = b.kernels.exp([{ dataId: id, shape: [3], dtype: 'float32' }], {}, [
    { shape: [3], dtype: 'float32' },
  ]);
  const values = Array.from(b.readSync(out));
  b.dispose(id);
  b.dispose(out);
  expect(b.memory()).toEqual({ buffers: 0, bytes: 0 });
  return values;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loading the kernel module', () => {
  test('base64 decoding matches Node', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100, 1001]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
      expect(decodeBase64(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
    }
  });

  test('embedded (default) and from bytes give the same results', async () => {
    const expected = [1, 2, 3].map((v) => Math.fround(Math.exp(v)));
    expect(await roundTrip(new WasmBackend())).toEqual(expected);
    expect(await roundTrip(new WasmBackend({ wasmBinary: readFileSync(wasmPath) }))).toEqual(expected);
  });

  test("'auto' picks the relaxed-SIMD build exactly where the engine validates it", async () => {
    const relaxed = WebAssemblyValidate(readFileSync(relaxedPath));
    const auto = new WasmBackend();
    await auto.ready();
    expect(auto.simd).toBe(relaxed ? 'relaxed' : 'baseline');
    const baseline = new WasmBackend({ simd: 'baseline' });
    await baseline.ready();
    expect(baseline.simd).toBe('baseline');
  });

  test('from a URL through fetch', async () => {
    const bytes = readFileSync(wasmPath);
    const fetch = vi.fn(async (url: string) => ({
      ok: url === 'https://example.test/kernels.wasm',
      status: 200,
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    }));
    vi.stubGlobal('fetch', fetch);
    const values = await roundTrip(new WasmBackend({ wasmUrl: 'https://example.test/kernels.wasm' }));
    expect(values[0]).toBe(Math.fround(Math.E));
    expect(fetch).toHaveBeenCalled();
  });
});
