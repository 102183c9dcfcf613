// Part 4: WebGPU faults and concurrency. Device loss mid-work (the device destroyed with reads pending):
// every pending read rejects with a typed BackendError naming the loss, nothing hangs, later ops fail typed,
// and a fresh webgpu backend can be registered and used. Then: many reads in flight at once, interleaved
// with other async work and with new ops, resolve correctly and in issue order.

import { createWebGpuBackend, WebGpuBackend } from '@libml/backend-webgpu';
import {
  AsyncOnlyError,
  add,
  BackendError,
  findBackend,
  matmul,
  memory,
  mul,
  randomNormal,
  registerBackend,
  removeBackend,
  setBackend,
  sum,
  type Tensor,
  tensor,
  tidy,
} from '@libml/core';
import { afterAll, describe, expect, test } from 'vitest';
import { values } from './support.js';

const survived: string[] = [];

/** Rejects if `p` has not settled within `ms` (a hang is a failure, not a timeout of the whole file). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: still pending after ${ms} ms (hang)`)), ms);
    }),
  ]);
}

async function webgpu(): Promise<WebGpuBackend> {
  await setBackend('webgpu');
  const b = findBackend('webgpu');
  if (!(b instanceof WebGpuBackend)) throw new Error('webgpu backend missing');
  return b;
}

/** Settles every promise; returns the rejections (or the values). */
async function settle(ps: Promise<unknown>[]): Promise<PromiseSettledResult<unknown>[]> {
  return within(Promise.allSettled(ps), 20_000, 'pending reads after device loss');
}

describe('webgpu concurrency', () => {
  test('200 reads in flight at once, interleaved with new ops and timers, resolve correctly and in order', async () => {
    await webgpu();
    const before = memory().numTensors;
    const n = 200;
    const ts: Tensor[] = [];
    const order: number[] = [];
    const reads: Promise<number[]>[] = [];
    for (let i = 0; i < n; i++) {
      // Each tensor is computed on the GPU (not just uploaded), sizes vary.
      const t = tidy(() =>
        add(
          tensor(
            Array.from({ length: 1 + (i % 37) }, (_, k) => k),
            [1 + (i % 37)],
          ),
          i * 1000,
        ),
      );
      ts.push(t);
      reads.push(
        t.data().then((d) => {
          order.push(i);
          return Array.from(d, Number);
        }),
      );
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 0)); // other async work in between
      if (i % 25 === 0) t.dispose(); // disposed while its read is pending: the read still sees its values
    }
    const got = await within(Promise.all(reads), 30_000, 'concurrent reads');
    got.forEach((d, i) => {
      expect(d, `read ${i}`).toEqual(Array.from({ length: 1 + (i % 37) }, (_, k) => k + i * 1000));
    });
    expect(order).toEqual(Array.from({ length: n }, (_, i) => i));
    for (const t of ts) t.dispose();
    expect(memory().numTensors).toBe(before);
    survived.push(`${n} concurrent reads (every 25th tensor disposed mid-read) correct and in order`);
  });

  test('reads of results that depend on each other, awaited out of order, agree with the math', async () => {
    await webgpu();
    const x = randomNormal([64, 64], 0, 1, { seed: 3 });
    const chain: Tensor[] = [x];
    for (let i = 0; i < 20; i++) chain.push(mul(chain[chain.length - 1], 0.5));
    const sums = chain.map((t) => sum(t));
    const reads = sums.map((s) => s.data());
    const reversed = await Promise.all([...reads].reverse());
    const base = reversed[reversed.length - 1][0];
    for (const [i, d] of reversed.reverse().entries()) expect(d[0]).toBeCloseTo(base * 0.5 ** i, 3);
    for (const t of [...chain, ...sums]) t.dispose();
    survived.push('21 dependent reads awaited in reverse order');
  });
});

describe('webgpu device loss', () => {
  test('pending reads reject with a typed BackendError when the device is destroyed mid-work; nothing hangs', async () => {
    const b = await webgpu();
    const a = randomNormal([256, 256], 0, 1, { seed: 1 });
    const w = randomNormal([256, 256], 0, 1, { seed: 2 });
    const outs: Tensor[] = [];
    let h = a;
    for (let i = 0; i < 8; i++) {
      h = matmul(h, w);
      outs.push(h);
    }
    const pending = outs.map((t) => t.data());
    b.destroy(); // as if the GPU went away (driver reset, tab backgrounded)
    const results = await settle(pending);
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    // Reads that raced ahead of the loss may have resolved; every other one is a typed BackendError.
    expect(rejected.length).toBeGreaterThan(0);
    for (const r of rejected) {
      expect(r.reason).toBeInstanceOf(BackendError);
      expect(String((r.reason as Error).message)).toMatch(/^read: .*lost/);
    }
    // After the loss: new reads and new ops fail typed and fast, dataSync is still AsyncOnlyError.
    await expect(within(a.data(), 5_000, 'read after loss')).rejects.toBeInstanceOf(BackendError);
    let opError: unknown;
    try {
      const y = add(a, 1);
      await within(y.data(), 5_000, 'op after loss');
    } catch (err) {
      opError = err;
    }
    expect(opError).toBeInstanceOf(BackendError);
    expect(() => a.dataSync()).toThrow(AsyncOnlyError);
    // Disposing tensors of a lost device is harmless.
    for (const t of [a, w, ...outs]) t.dispose();
    survived.push(
      `device destroyed with ${pending.length} reads pending: ${rejected.length} rejected with BackendError, none hung`,
    );
  });

  // The same WebGpuBackend instance comes back: ready() drops a lost runtime and acquires a new device.
  test('the same backend instance re-initialises with `await ready()` after device loss', async () => {
    const b = findBackend('webgpu') as WebGpuBackend;
    await b.ready();
    await setBackend('webgpu');
    const y = add(tensor([1, 2, 3]), 1);
    expect(await within(values(y), 5_000, 'read after ready()')).toEqual([2, 3, 4]);
    y.dispose();
  });

  test('a fresh webgpu backend registered in place of the lost one works again', async () => {
    removeBackend('webgpu');
    registerBackend('webgpu', () => createWebGpuBackend(), 2);
    await setBackend('webgpu');
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    const y = matmul(x, x);
    expect(await within(values(y), 10_000, 'read on the fresh device')).toEqual([7, 10, 15, 22]);
    x.dispose();
    y.dispose();
    expect(memory().backends.webgpu.tensors).toBe(0);
    survived.push('re-registration after loss: the fresh device computes correctly');
  });
});

afterAll(() => console.log(`[reliability] webgpu faults survived:\n  ${survived.join('\n  ')}`));
