// A few wasm kernels against plain loops (shapes that exercise the gemm's edge tiles, KC blocking and
// transposed packing; broadcasting rows; reductions over a moved axis), int32/bool storage, dataSync,
// memory accounting, and the memory ceiling's typed error through the backend.

import {
  add,
  BackendError,
  cast,
  conv2d,
  dispose,
  matmul,
  memory,
  registerBackend,
  setBackend,
  sum,
  tensor,
  tidy,
  transpose,
} from '@libml/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { createWasmBackend, WasmBackend } from '../src/index.js';

function seeded(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

/** Naive float64 A·B with optional transposes of the stored operands. */
function naiveMatmul(
  a: Float32Array,
  b: Float32Array,
  m: number,
  n: number,
  k: number,
  tA: boolean,
  tB: boolean,
) {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++)
        s += (tA ? a[p * m + i] : a[i * k + p]) * (tB ? b[j * k + p] : b[p * n + j]);
      c[i * n + j] = s;
    }
  }
  return c;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst).toBeLessThanOrEqual(tol);
}

beforeAll(async () => {
  await setBackend('wasm');
});

describe('wasm kernels against loops', () => {
  for (const [m, n, k] of [
    [1, 1, 1],
    [3, 5, 7],
    [4, 8, 16],
    [37, 45, 300],
    [130, 520, 33],
    [64, 17, 513],
  ]) {
    for (const [tA, tB] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ]) {
      test(`matmul ${m}x${k} · ${k}x${n} transposeA=${tA} transposeB=${tB}`, () => {
        const av = seeded(m * k, m * 7 + k);
        const bv = seeded(k * n, n * 13 + k);
        const c = tidy(() =>
          matmul(tensor(av, tA ? [k, m] : [m, k]), tensor(bv, tB ? [n, k] : [k, n]), {
            transposeA: tA,
            transposeB: tB,
          }).dataSync(),
        );
        expectClose(c, naiveMatmul(av, bv, m, n, k, tA, tB), 1e-5 * k);
      });
    }
  }

  test('batched matmul with a broadcast batch dim', () => {
    const av = seeded(2 * 3 * 5 * 6, 1);
    const bv = seeded(3 * 6 * 9, 2);
    const c = tidy(() => matmul(tensor(av, [2, 3, 5, 6]), tensor(bv, [3, 6, 9])).dataSync());
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) {
        const ref = naiveMatmul(av.subarray((i * 3 + j) * 30), bv.subarray(j * 54), 5, 9, 6, false, false);
        expectClose(c.subarray((i * 3 + j) * 45, (i * 3 + j + 1) * 45), ref, 1e-5);
      }
    }
  });

  test('conv2d NCHW 3x3, stride 2, padding 1 against a direct loop', () => {
    const [N, C, H, W, O] = [2, 3, 9, 8, 4];
    const xv = seeded(N * C * H * W, 3);
    const wv = seeded(O * C * 9, 4);
    const y = tidy(() =>
      conv2d(tensor(xv, [N, C, H, W]), tensor(wv, [O, C, 3, 3]), { strides: 2, padding: 1 }).dataSync(),
    );
    const OH = 5;
    const OW = 4;
    const ref = new Float64Array(N * O * OH * OW);
    for (let n = 0; n < N; n++)
      for (let o = 0; o < O; o++)
        for (let oh = 0; oh < OH; oh++)
          for (let ow = 0; ow < OW; ow++) {
            let s = 0;
            for (let c = 0; c < C; c++)
              for (let kh = 0; kh < 3; kh++)
                for (let kw = 0; kw < 3; kw++) {
                  const ih = oh * 2 - 1 + kh;
                  const iw = ow * 2 - 1 + kw;
                  if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                  s += xv[((n * C + c) * H + ih) * W + iw] * wv[((o * C + c) * 3 + kh) * 3 + kw];
                }
            ref[((n * O + o) * OH + oh) * OW + ow] = s;
          }
    expectClose(y, ref, 1e-5);
  });

  test('broadcast add over rows and columns, and a sum over a moved axis', () => {
    const av = seeded(4 * 1 * 6, 5);
    const bv = seeded(3 * 1, 6);
    const [s, total] = tidy(() => {
      const c = add(tensor(av, [4, 1, 6]), tensor(bv, [3, 1]));
      return [c.dataSync(), sum(c, [0, 2]).dataSync()];
    });
    const ref = new Float64Array(3);
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 3; j++)
        for (let k = 0; k < 6; k++) {
          const v = av[i * 6 + k] + bv[j];
          expect(s[(i * 3 + j) * 6 + k]).toBe(Math.fround(v));
          ref[j] += Math.fround(v);
        }
    expectClose(total, ref, 1e-5);
  });

  for (const perm of [
    [0, 2, 1],
    [2, 1, 0],
    [1, 0, 2],
    [2, 0, 1],
  ]) {
    test(`transpose [3, 40, 33] by [${perm.join(', ')}] (tiled and strided paths)`, () => {
      const shape = [3, 40, 33];
      const xv = seeded(3 * 40 * 33, 8);
      const y = tidy(() => transpose(tensor(xv, shape), perm).dataSync());
      const outShape = perm.map((p) => shape[p]);
      const inStrides = [40 * 33, 33, 1];
      let o = 0;
      for (let i = 0; i < outShape[0]; i++)
        for (let j = 0; j < outShape[1]; j++)
          for (let k = 0; k < outShape[2]; k++) {
            const idx = [i, j, k];
            let src = 0;
            for (let d = 0; d < 3; d++) src += idx[d] * inStrides[perm[d]];
            expect(y[o++]).toBe(xv[src]);
          }
    });
  }

  test('int32 wraps and bool is stored as bytes in wasm memory', () => {
    const [i, b] = tidy(() => {
      const x = tensor([2147483647, -5, 7], [3], 'int32');
      return [add(x, tensor([1, 2, 3], [3], 'int32')).dataSync(), cast(x, 'bool').dataSync()];
    });
    expect(Array.from(i)).toEqual([-2147483648, -3, 10]);
    expect(b).toBeInstanceOf(Uint8Array);
    expect(Array.from(b)).toEqual([1, 1, 1]);
  });

  test('memory(): buffers and bytes return to where they were', () => {
    const before = memory().backends.wasm;
    const t = tensor(seeded(1000, 9), [10, 100]);
    const u = matmul(t, t, { transposeB: true });
    const during = memory().backends.wasm;
    expect(during.buffers).toBe(before.buffers + 2);
    expect(during.backendBytes).toBe(before.backendBytes + 4000 + 400);
    dispose([t, u]);
    expect(memory().backends.wasm).toEqual(before);
  });
});

describe('memory ceiling', () => {
  test('an allocation past maxMemoryBytes is a BackendError and leaves nothing behind', async () => {
    registerBackend(
      'wasm-small',
      () => createWasmBackend({ maxMemoryBytes: 4 * 2 ** 20, initialMemoryBytes: 2 ** 20 }),
      0,
    );
    await setBackend('wasm-small');
    const a = tensor(seeded(2 ** 18, 1), [512, 512]); // 1 MiB
    const before = memory().backends['wasm-small'];
    expect(() => tidy(() => matmul(a, a).dataSync() && add(add(a, a), add(a, a)))).toThrow(BackendError);
    expect(memory().backends['wasm-small']).toEqual(before);
    dispose(a);
    await setBackend('wasm');
  });

  test('the backend is not usable before ready()', () => {
    const b = new WasmBackend();
    expect(b.isReady).toBe(false);
    expect(() => b.write(new Float32Array(1), [1], 'float32')).toThrow(BackendError);
  });
});
