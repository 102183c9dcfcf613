// The runtime under the kernels: adapter report, pipeline cache, buffer pool, batching, memory
// accounting, async-only reads, limits and device loss as typed errors, process exit.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ml from '@libml/core';
import { describe, expect, test } from 'vitest';
import type { AdapterReport } from '../src/device.js';
import { isSwiftShader, tileConfig } from '../src/gpu.js';
import { registerWebGpuBackend, type WebGpuBackend } from '../src/index.js';
import { useWebGpu } from './setup.js';

const backend = await useWebGpu();

describe('adapter', () => {
  test('reports the adapter and its feature level', () => {
    const a = backend.adapter;
    expect(['core', 'compatibility']).toContain(a.featureLevel);
    expect(a.runtime).toBe('node-dawn');
    // Printed so test logs show what ran (llvmpipe under compatibility without a GPU).
    console.log(`webgpu adapter: ${JSON.stringify(a)}`);
  });
  test("'auto' tiles: 'lanes' on software adapters, but the convolutions on SwiftShader; 'shared' on GPUs", () => {
    const report = (over: Partial<AdapterReport>): AdapterReport => ({
      featureLevel: 'core',
      vendor: '',
      architecture: '',
      device: '',
      description: '',
      software: true,
      runtime: 'browser',
      ...over,
    });
    const kinds = (a: AdapterReport, tiles: 'auto' | 'gpu' | 'cpu' = 'auto') => {
      const t = tileConfig(a, tiles, 256);
      return [t.gemmKind, t.convKind];
    };
    const llvmpipe = report({ device: 'llvmpipe-llvm-15-0-6-256-bits-', runtime: 'node-dawn' });
    const swiftshader = report({ vendor: 'google', architecture: 'swiftshader' });
    expect(isSwiftShader(swiftshader)).toBe(true);
    expect(isSwiftShader(llvmpipe)).toBe(false);
    expect(kinds(llvmpipe)).toEqual(['lanes', 'lanes']);
    expect(kinds(swiftshader)).toEqual(['lanes', 'shared']);
    expect(kinds(swiftshader, 'cpu')).toEqual(['lanes', 'lanes']);
    expect(kinds(swiftshader, 'gpu')).toEqual(['shared', 'shared']);
    expect(kinds(report({ software: false, vendor: 'nvidia' }))).toEqual(['shared', 'shared']);
    expect(kinds(report({ software: false, vendor: 'nvidia' }), 'cpu')).toEqual(['lanes', 'lanes']);
    // This run (Dawn on llvmpipe without a GPU: 'lanes' for both).
    const t = backend.gpu().tiles;
    expect([t.gemmKind, t.convKind]).toEqual(kinds(backend.adapter));
  });
  test('the adapter level is selectable', async () => {
    registerWebGpuBackend('webgpu-compat', { featureLevel: 'compatibility' });
    await ml.setBackend('webgpu-compat');
    const b = ml.findBackend('webgpu-compat') as WebGpuBackend;
    expect(b.adapter.featureLevel).toBe('compatibility');
    expect(Array.from(await ml.add(ml.tensor([1]), 1).data())).toEqual([2]);
    await ml.setBackend('webgpu');
  });
  test('kernels ran natively', async () => {
    const events: ml.KernelEvent[] = [];
    const off = ml.onKernel((e) => events.push(e));
    const x = ml.tensor([
      [1, 2],
      [3, 4],
    ]);
    await ml.softmax(ml.matmul(x, x)).data();
    off();
    expect(events.filter((e) => e.op === 'matmul' || e.op === 'softmax').map((e) => e.path)).toEqual([
      'native',
      'native',
    ]);
  });
});

describe('pipeline cache', () => {
  test('one pipeline serves every shape of the same rank and dtypes', async () => {
    await ml.add(ml.tensor([1, 2, 3]), ml.tensor([4, 5, 6])).data();
    const before = backend.stats().pipelineCache;
    for (const n of [5, 17, 100, 1000]) {
      const a = ml.tensor(new Float32Array(n).fill(1));
      const b = ml.tensor(new Float32Array(n).fill(2));
      expect((await ml.add(a, b).data())[n - 1]).toBe(3);
    }
    expect(backend.stats().pipelineCache).toBe(before);
    const m0 = backend.stats().pipelineCache;
    for (const n of [3, 40, 129]) {
      const a = ml.ones([n, n + 1]);
      const b = ml.ones([n + 1, 2]);
      expect((await ml.matmul(a, b).data())[0]).toBe(n + 1);
    }
    // matmul once (the first size may add its pipeline), never again for other sizes.
    expect(backend.stats().pipelineCache - m0).toBeLessThanOrEqual(1);
    expect(backend.stats().pipelineHits).toBeGreaterThan(0);
  });
  test('a new dtype or rank is a new pipeline', async () => {
    const before = backend.stats().pipelineCache;
    await ml.add(ml.tensor(new Int32Array([1, 2])), ml.tensor(new Int32Array([3, 4]))).data();
    expect(backend.stats().pipelineCache).toBe(before + 1);
  });
});

describe('uniforms', () => {
  test('a repeated op rewrites no params; a new shape writes only what changed, and reads right', async () => {
    const a = ml.keep(ml.tensor(new Float32Array(4096).fill(1)));
    const b = ml.keep(ml.tensor(new Float32Array(4096).fill(2)));
    const once = async (x: ml.Tensor, y: ml.Tensor) => {
      const c = ml.add(x, y);
      const v = await c.data();
      c.dispose();
      return v;
    };
    await once(a, b);
    const written = backend.stats().uniformBytes;
    for (let i = 0; i < 3; i++) expect((await once(a, b))[4095]).toBe(3);
    expect(backend.stats().uniformBytes).toBe(written);
    // Another size changes the element count param: a few bytes, not the whole slot, and the right sum.
    const c = ml.keep(ml.tensor(new Float32Array(100).fill(5)));
    const v = await once(c, c);
    expect(v.length).toBe(100);
    expect(v[99]).toBe(10);
    const delta = backend.stats().uniformBytes - written;
    expect(delta).toBeGreaterThan(0);
    expect(delta).toBeLessThan(512);
    expect((await once(a, b))[0]).toBe(3);
    ml.dispose([a, b, c]);
  });
});

describe('buffers', () => {
  test('freed buffers are reused from the pool', async () => {
    const run = async () => {
      const a = ml.tensor(new Float32Array(5000).fill(1));
      const b = ml.exp(a);
      await b.data();
      ml.dispose([a, b]);
    };
    await run();
    const created = backend.stats().buffersCreated;
    const hits = backend.stats().poolHits;
    for (let i = 0; i < 5; i++) await run();
    expect(backend.stats().buffersCreated).toBe(created);
    expect(backend.stats().poolHits).toBeGreaterThan(hits);
  });
  test('memory() returns to zero after dispose', async () => {
    const start = backend.memory();
    const tensors = ml.memory().backends.webgpu.tensors;
    const outs = ml.tidy(() => {
      const x = ml.tensor(new Float32Array(1000).fill(0.5), [10, 100]);
      return [ml.softmax(x), ml.sum(x, 1), ml.matmul(x, ml.transpose(x))];
    });
    await Promise.all(outs.map((t) => t.data()));
    expect(backend.memory().buffers).toBe(start.buffers + 3);
    ml.dispose(outs);
    expect(backend.memory()).toEqual(start);
    expect(ml.memory().backends.webgpu.tensors).toBe(tensors);
  });
  test('dispatches are batched into few submits', async () => {
    const s0 = backend.stats();
    let x = ml.tensor([1, 2, 3]);
    for (let i = 0; i < 40; i++) {
      const y = ml.add(x, 1);
      x.dispose();
      x = y;
    }
    expect(Array.from(await x.data())).toEqual([41, 42, 43]);
    const s1 = backend.stats();
    expect(s1.dispatches - s0.dispatches).toBe(40);
    expect(s1.submits - s0.submits).toBeLessThanOrEqual(2);
  });
});

describe('typed errors', () => {
  test('dataSync names `await data()`', () => {
    const t = ml.tensor([1]);
    expect(() => t.dataSync()).toThrow(ml.AsyncOnlyError);
    expect(() => t.dataSync()).toThrow(/await tensor\.data\(\)/);
  });
  test('a buffer over maxStorageBufferBindingSize is a BackendError', () => {
    const limit = backend.device.limits.maxStorageBufferBindingSize;
    const n = Math.floor(limit / 4) + 1024;
    const big = ml.tensor([1]);
    expect(() => ml.broadcastTo(big, [n])).toThrow(ml.BackendError);
    expect(() => ml.broadcastTo(big, [n])).toThrow(/maxStorageBufferBindingSize/);
  });
  test('device loss rejects reads with a BackendError and live tensors throw on use', async () => {
    registerWebGpuBackend('webgpu-lost');
    await ml.setBackend('webgpu-lost');
    const lost = ml.findBackend('webgpu-lost') as WebGpuBackend;
    const a = ml.tensor(new Float32Array(1 << 16).fill(1), [256, 256]);
    let y = a;
    for (let i = 0; i < 5; i++) y = ml.matmul(y, a);
    const pending = y.data();
    lost.device.destroy();
    await expect(pending).rejects.toThrow(ml.BackendError);
    await expect(a.data()).rejects.toThrow(/lost/);
    expect(() => ml.add(a, 1)).toThrow(ml.BackendError);
    await ml.setBackend('webgpu');
  });
});

describe('process', () => {
  test('a Node process using the backend exits on its own', () => {
    // Runs the built package (turbo builds before testing).
    const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    expect(existsSync(dist), 'build the package first (pnpm build)').toBe(true);
    const script = fileURLToPath(new URL('./fixtures/exit.mjs', import.meta.url));
    const started = Date.now();
    const r = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      timeout: 20_000,
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    const elapsed = Date.now() - started;
    // From the last line printed to the exit: the process does not linger.
    const doneAt = Number(/done at (\d+)/.exec(r.stdout)?.[1]);
    expect(Date.now() - doneAt).toBeLessThan(3_000);
    expect(r.error, r.stderr).toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('result 4,6');
    expect(elapsed).toBeLessThan(15_000);
  });
});
