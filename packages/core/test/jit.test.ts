// jit on the CPU backend: results equal eager, the cache keys on the signature, the passes do what their
// statistics say, traced code that reads values or draws random numbers is rejected, and nothing leaks.

import { describe, expect, test } from 'vitest';
import './setup.js';
import {
  add,
  BackendMismatchError,
  DisposedTensorError,
  dispose,
  exp,
  grad,
  jit,
  matmul,
  memory,
  mul,
  randomNormal,
  reduceMean,
  registerBackend,
  relu,
  removeBackend,
  reshape,
  setBackend,
  sigmoid,
  square,
  sub,
  sum,
  type Tensor,
  TraceError,
  tanh,
  tensor,
  valueAndGrad,
} from '@libml/core';
import { CpuBackend } from '../../backend-cpu/src/index.js';

function mlpStep(x: Tensor, w: Tensor, b: Tensor) {
  const loss = (w: Tensor, b: Tensor) => reduceMean(square(relu(add(matmul(x, w), b))));
  const { value, grads } = valueAndGrad(loss, [0, 1])(w, b);
  const [gw, gb] = grads as Tensor[];
  return { loss: value, w: sub(w, mul(gw, 0.1)), b: sub(b, mul(gb, 0.1)) };
}

describe('jit', () => {
  test('a training step replays with eager results, fused, with fewer live bytes', () => {
    const step = jit(mlpStep);
    const x = randomNormal([16, 8], 0, 1, { seed: 1 });
    let w = randomNormal([8, 4], 0, 1, { seed: 2 });
    let b = randomNormal([4], 0, 1, { seed: 3 });
    for (let i = 0; i < 3; i++) {
      const jitted = step(x, w, b);
      const eager = mlpStep(x, w, b);
      expect(Array.from(jitted.loss.dataSync())).toEqual(Array.from(eager.loss.dataSync()));
      expect(Array.from(jitted.w.dataSync())).toEqual(Array.from(eager.w.dataSync()));
      expect(Array.from(jitted.b.dataSync())).toEqual(Array.from(eager.b.dataSync()));
      dispose([eager, jitted.loss, w, b]);
      w = jitted.w;
      b = jitted.b;
    }
    const stats = step.stats();
    expect(stats).toBeDefined();
    expect(step.cacheSize).toBe(1);
    expect(stats?.fusedPrograms).toBeGreaterThan(0);
    expect(stats?.matmulEpilogues).toBeGreaterThan(0);
    expect(stats?.steps).toBeLessThan(stats?.tracedKernels ?? 0);
    expect(stats?.plannedPeakBytes).toBeLessThan(stats?.eagerPeakBytes ?? 0);
    step.dispose();
    dispose([x, w, b]);
  });

  test('one compiled program per signature; static arguments are part of it', () => {
    const before = memory();
    const f = jit((x: Tensor, k: number) => mul(x, k));
    const a = tensor([1, 2, 3]);
    const c = tensor([[1, 2]]);
    expect(Array.from(f(a, 2).dataSync())).toEqual([2, 4, 6]);
    expect(Array.from(f(a, 2).dataSync())).toEqual([2, 4, 6]);
    expect(Array.from(f(a, 3).dataSync())).toEqual([3, 6, 9]);
    expect(Array.from(f(c, 3).dataSync())).toEqual([3, 6]);
    expect(f.cacheSize).toBe(3);
    f.dispose();
    expect(f.cacheSize).toBe(0);
    dispose([a, c]);
    // Every result above was a fresh tensor the test did not keep: only those remain.
    expect(memory().numBytes - before.numBytes).toBe(4 * (3 + 3 + 3 + 2));
  });

  test('the cache keeps the most recently used signatures and frees the rest', () => {
    const before = memory();
    const f = jit((x: Tensor, k: number) => mul(x, tensor([k, k + 1])), { maxCacheSize: 2 });
    const x = tensor([1, 2]);
    for (const k of [1, 2, 1, 3]) dispose(f(x, k));
    expect(f.cacheSize).toBe(2);
    expect(Array.from(f(x, 1).dataSync())).toEqual([1, 4]);
    f.dispose();
    x.dispose();
    expect(() => jit((y: Tensor) => y, { maxCacheSize: 0 })).toThrow(/maxCacheSize/);
    // Evicted programs' constants were freed: only the one result above is left.
    expect(memory().numBytes - before.numBytes).toBe(8);
  });

  test('arguments sharing storage compile separately from distinct ones', () => {
    const f = jit((a: Tensor, b: Tensor) => sub(a, b));
    const x = tensor([5, 7]);
    const y = tensor([1, 2]);
    expect(Array.from(f(x, y).dataSync())).toEqual([4, 5]);
    expect(Array.from(f(x, x).dataSync())).toEqual([0, 0]);
    expect(Array.from(f(y, x).dataSync())).toEqual([-4, -5]);
    expect(f.cacheSize).toBe(2);
    f.dispose();
  });

  test('views, constants and nested results replay', () => {
    const f = jit((x: Tensor) => ({ flat: reshape(x, [4]), both: [add(x, 1), x], n: 7 }));
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    f(x);
    const r = f(x);
    expect(r.flat.shape).toEqual([4]);
    expect(Array.from(r.both[0].dataSync())).toEqual([2, 3, 4, 5]);
    expect(r.both[1].shape).toEqual([2, 2]);
    expect(r.n).toBe(7);
    x.dispose();
    // The returned view keeps the argument's storage alive after the argument's disposal.
    expect(Array.from(r.flat.dataSync())).toEqual([1, 2, 3, 4]);
    dispose(r);
    f.dispose();
  });

  test('a tensor the function closes over is read at its trace-time value', () => {
    const w = tensor([10, 20]);
    const f = jit((x: Tensor) => add(x, w));
    const x = tensor([1, 2]);
    f(x);
    w.dispose(); // the compiled program holds its own reference
    expect(Array.from(f(x).dataSync())).toEqual([11, 22]);
    f.dispose();
  });

  test('reading values and drawing random numbers inside a trace throw TraceError', () => {
    const reads = jit((x: Tensor) => tensor([x.dataSync()[0]]));
    expect(() => reads(tensor([1]))).toThrow(TraceError);
    const draws = jit((x: Tensor) => add(x, randomNormal([2])));
    expect(() => draws(tensor([1, 2]))).toThrow(/random/);
    expect(reads.cacheSize + draws.cacheSize).toBe(0);
  });

  test('a failing trace leaks nothing', () => {
    const before = memory();
    const f = jit((x: Tensor) => {
      exp(x);
      return add(x, tensor([1, 2, 3]));
    });
    const x = tensor([1, 2]);
    expect(() => f(x)).toThrow(/broadcast|shape/i);
    x.dispose();
    expect(memory().numTensors).toBe(before.numTensors);
    expect(memory().numBytes).toBe(before.numBytes);
  });

  test('disposed arguments and mixed backends are typed errors', async () => {
    const f = jit((x: Tensor) => add(x, 1));
    const x = tensor([1]);
    f(x);
    x.dispose();
    expect(() => f(x)).toThrow(DisposedTensorError);
    f.dispose();
    registerBackend('cpu-second', () => new CpuBackend());
    const g = jit((a: Tensor, b: Tensor) => add(a, b));
    const a = tensor([1]);
    await setBackend('cpu-second');
    const other = tensor([2]);
    await setBackend('cpu');
    expect(() => g(a, other)).toThrow(BackendMismatchError);
    removeBackend('cpu-second');
  });

  test('fused programs respect the backend limit on bound tensors', async () => {
    class LimitedCpu extends CpuBackend {
      override readonly capabilities = { float64: true, syncRead: true, fusedBindings: 4 };
    }
    registerBackend('cpu-limited', () => new LimitedCpu());
    await setBackend('cpu-limited');
    try {
      const xs = Array.from({ length: 8 }, (_, i) => tensor([i + 1, i + 2, i + 3]));
      const fn = (...ts: Tensor[]) => ts.slice(1).reduce((acc, t) => mul(add(acc, t), 0.5), ts[0]);
      const f = jit(fn);
      f(...xs);
      const replay = f(...xs);
      expect(Array.from(replay.dataSync())).toEqual(Array.from(fn(...xs).dataSync()));
      const stats = f.stats();
      // 15 kernels over 8 inputs cannot be one program binding at most 4 tensors.
      expect(stats?.fusedPrograms).toBeGreaterThan(1);
      f.dispose();
    } finally {
      await setBackend('cpu');
      removeBackend('cpu-limited');
    }
  });

  test('grad through a jit function runs it eagerly, so gradients flow', () => {
    const f = jit((x: Tensor) => sum(tanh(x)));
    const x = tensor([0.5, -1]);
    const g = grad((x: Tensor) => f(x))(x);
    const expected = grad((x: Tensor) => sum(tanh(x)))(x);
    expect(Array.from(g.dataSync())).toEqual(Array.from(expected.dataSync()));
    expect(f.cacheSize).toBe(0);
  });

  test('jit inside jit is inlined into the outer trace', () => {
    const inner = jit((x: Tensor) => sigmoid(x));
    const outer = jit((x: Tensor) => mul(inner(x), 2));
    const x = tensor([0, 1]);
    outer(x);
    const r = outer(x);
    expect(r.dataSync()[0]).toBeCloseTo(1, 6);
    expect(inner.cacheSize).toBe(0);
    expect(outer.stats()?.fusedPrograms).toBe(1);
    outer.dispose();
  });

  test('common subexpressions merge and dead code goes', () => {
    const f = jit((x: Tensor) => {
      exp(x); // unused
      return add(matmul(x, x), matmul(x, x));
    });
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    f(x);
    const stats = f.stats();
    expect(stats?.deadRemoved).toBe(1);
    expect(stats?.commonRemoved).toBe(1);
    expect(Array.from(f(x).dataSync())).toEqual([14, 20, 30, 44]);
    f.dispose();
  });

  test('replay leaks nothing beyond its results', () => {
    const step = jit(mlpStep);
    const x = randomNormal([4, 3], 0, 1, { seed: 4 });
    const w = randomNormal([3, 2], 0, 1, { seed: 5 });
    const b = randomNormal([2], 0, 1, { seed: 6 });
    dispose(step(x, w, b));
    const before = memory();
    for (let i = 0; i < 5; i++) dispose(step(x, w, b));
    const after = memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
    expect(after.backends.cpu.backendBytes).toBe(before.backends.cpu.backendBytes);
    step.dispose();
    dispose([x, w, b]);
  });
});
