// The threaded backend (worker_threads over a shared memory, started from dist/worker.js) against the
// single-threaded one: matmul and conv2d forward / input gradient are bit-identical (each output element
// gets the same arithmetic), the filter gradient (per-thread partial sums) agrees closely. A threshold of
// 0 makes even small products take the threaded paths; the shapes cover ragged shares and edge tiles.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  abs,
  conv2d,
  dispose,
  elu,
  exp,
  grad,
  log,
  logSoftmax,
  matmul,
  registerBackend,
  setBackend,
  sigmoid,
  sin,
  softmax,
  sum,
  type Tensor,
  tanh,
  tensor,
  tidy,
} from '@libml/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WasmBackend } from '../src/index.js';

function seeded(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

let single: WasmBackend;
let threaded: WasmBackend;

beforeAll(async () => {
  single = new WasmBackend({ threads: 1, simd: 'baseline' }, 'wasm-1');
  threaded = new WasmBackend({ threads: 2, simd: 'baseline', minParallelWork: 0 }, 'wasm-2');
  registerBackend('wasm-1', () => single, 0);
  registerBackend('wasm-2', () => threaded, 0);
  await setBackend('wasm-1');
  await setBackend('wasm-2');
});

afterAll(() => {
  threaded.terminateThreads();
});

/** f's outputs on one thread and on two. */
async function both(f: () => Tensor[]): Promise<[Float32Array[], Float32Array[]]> {
  const results: Float32Array[][] = [];
  for (const name of ['wasm-1', 'wasm-2']) {
    await setBackend(name);
    results.push(tidy(() => f().map((t) => t.dataSync() as Float32Array)));
  }
  return [results[0], results[1]];
}

describe('threads', () => {
  test('the threaded backend runs two threads; the single one, one', () => {
    expect(single.threads).toBe(1);
    expect(threaded.threads).toBe(2);
  });

  for (const [m, k, n, tA, tB] of [
    [256, 256, 256, false, false],
    [300, 70, 37, false, true],
    [37, 260, 301, true, false],
    [129, 513, 67, true, true],
  ] as const) {
    test(`matmul ${m}x${k} · ${k}x${n} (transposeA=${tA}, transposeB=${tB}) is bit-identical`, async () => {
      const a = seeded(m * k, 1);
      const b = seeded(k * n, 2);
      const [one, two] = await both(() => [
        matmul(tensor(a, tA ? [k, m] : [m, k]), tensor(b, tB ? [n, k] : [k, n]), {
          transposeA: tA,
          transposeB: tB,
        }),
      ]);
      expect(two[0]).toEqual(one[0]);
    });
  }

  for (const [dataFormat, filterFormat, groups] of [
    ['NCHW', 'OIHW', 1],
    ['NHWC', 'HWIO', 1],
    ['NCHW', 'OIHW', 2],
    ['NHWC', 'OIHW', 1],
  ] as const) {
    test(`conv2d ${dataFormat}/${filterFormat}, groups ${groups}: forward and gradients`, async () => {
      const [N, C, H, W, O] = [5, 8, 13, 11, 12];
      const xShape = dataFormat === 'NCHW' ? [N, C, H, W] : [N, H, W, C];
      const wShape = filterFormat === 'OIHW' ? [O, C / groups, 3, 3] : [3, 3, C / groups, O];
      const xv = seeded(N * C * H * W, 3);
      const wv = seeded((O * C * 9) / groups, 4);
      const opts = { strides: [1, 2] as [number, number], padding: 1, groups, dataFormat, filterFormat };
      const [one, two] = await both(() => {
        const x = tensor(xv, xShape);
        const w = tensor(wv, wShape);
        const y = conv2d(x, w, opts);
        const [dx, dw] = grad((a: Tensor, b: Tensor) => sum(conv2d(a, b, opts)), [0, 1])(x, w) as Tensor[];
        return [y, dx, dw];
      });
      expect(two[0]).toEqual(one[0]);
      expect(two[1]).toEqual(one[1]);
      let worst = 0;
      for (let i = 0; i < one[2].length; i++) worst = Math.max(worst, Math.abs(one[2][i] - two[2][i]));
      expect(worst).toBeLessThanOrEqual(1e-4);
    });
  }

  test('threaded unary ops (alpha included), softmax and logSoftmax are bit-identical', async () => {
    const xv = seeded(37 * 1029, 12).map((v) => v * 20);
    const [one, two] = await both(() => {
      const x = tensor(xv, [37, 1029]);
      return [
        exp(x),
        sigmoid(x),
        tanh(x),
        elu(x, 0.5),
        log(abs(x)),
        sin(x),
        softmax(x),
        logSoftmax(x),
        softmax(tensor(xv, [37, 3, 343]), 1),
      ];
    });
    for (let i = 0; i < one.length; i++) expect(two[i]).toEqual(one[i]);
  });

  test('memory grown after the workers started is visible to them', async () => {
    await setBackend('wasm-2');
    const big = tensor(seeded(2 ** 23, 5), [2 ** 23]); // 32 MiB: past the initial 16 MiB
    const [one, two] = await both(() => [
      matmul(tensor(seeded(200 * 300, 6), [200, 300]), tensor(seeded(300 * 150, 7), [300, 150])),
    ]);
    expect(two[0]).toEqual(one[0]);
    dispose(big);
  });

  test('after terminateThreads() everything runs on the calling thread', async () => {
    const b = new WasmBackend({ threads: 2, minParallelWork: 0 }, 'wasm-stopped');
    await b.ready();
    b.terminateThreads();
    registerBackend('wasm-stopped', () => b, 0);
    await setBackend('wasm-stopped');
    const y = tidy(() =>
      matmul(tensor(seeded(64 * 64, 8), [64, 64]), tensor(seeded(64 * 64, 9), [64, 64])).dataSync(),
    );
    expect(y.length).toBe(64 * 64);
  });

  test('a Node process using the threaded backend (from dist) exits on its own when its work is done', () => {
    const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const script = `
      const { WasmBackend } = await import(${JSON.stringify(dist)});
      const b = new WasmBackend({ threads: 2, minParallelWork: 0 });
      await b.ready();
      console.log(b.threads);`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      timeout: 30_000,
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('2');
  });
});

describe('workerUrl', () => {
  const dist = fileURLToPath(new URL('../dist/worker.js', import.meta.url));
  test('a worker script copied elsewhere (a file URL, an absolute or a relative path) runs the threads', async () => {
    const { copyFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const copy = join(mkdtempSync(join(tmpdir(), 'libml-worker-')), 'libml-wasm-worker.js');
    copyFileSync(dist, copy);
    const { relative } = await import('node:path');
    for (const workerUrl of [pathToFileURL(copy).href, copy, relative(process.cwd(), copy)]) {
      const b = new WasmBackend({ threads: 2, simd: 'baseline', minParallelWork: 0, workerUrl });
      registerBackend('wasm-moved', () => b, 0);
      await setBackend('wasm-moved');
      expect(b.threads).toBe(2);
      const x = tensor(seeded(64 * 48, 7), [64, 48]);
      const y = tensor(seeded(48 * 40, 8), [48, 40]);
      const moved = await matmul(x, y).data();
      await setBackend('wasm-1');
      const reference = await matmul(
        tensor(seeded(64 * 48, 7), [64, 48]),
        tensor(seeded(48 * 40, 8), [48, 40]),
      ).data();
      expect(Array.from(moved)).toEqual(Array.from(reference));
      b.terminateThreads();
    }
  });
  test('a worker script that is not there leaves one thread and says why', async () => {
    const b = new WasmBackend({ threads: 2, simd: 'baseline', workerUrl: '/nonexistent/libml-worker.js' });
    registerBackend('wasm-noworker', () => b, 0);
    await setBackend('wasm-noworker');
    expect(b.threads).toBe(1);
    expect(b.threadsFallback).toMatch(/threads failed to start/);
    expect(Array.from(await matmul(tensor([[1, 2]]), tensor([[3], [4]])).data())).toEqual([11]);
    await setBackend('wasm-1');
  });
});
