import { describe, expect, test } from 'vitest';
import './setup.js';
import {
  AsyncOnlyError,
  type Backend,
  getBackend,
  NoBackendError,
  PRIMITIVES,
  registerBackend,
  registeredBackends,
  removeBackend,
  setBackend,
  tensor,
} from '@libml/core';
import { CpuBackend } from '../../backend-cpu/src/index.js';

describe('registry', () => {
  test('cpu is registered and selected by default', () => {
    expect(registeredBackends()).toContain('cpu');
    expect(getBackend()).toBe('cpu');
  });

  test('an unknown backend is a typed error listing the registered ones', async () => {
    await expect(setBackend('nope')).rejects.toThrow(NoBackendError);
    await expect(setBackend('nope')).rejects.toThrow(/registered: .*cpu/);
  });

  test('a backend missing primitives is refused', async () => {
    registerBackend('broken', () => {
      const b = new CpuBackend();
      return { ...b, name: 'broken', kernels: { ...b.kernels, erf: undefined } } as unknown as Backend;
    });
    await expect(setBackend('broken')).rejects.toThrow(/lacks primitives: erf/);
    removeBackend('broken');
  });

  test('an async-only backend: await ready, dataSync is a typed error', async () => {
    const inner = new CpuBackend();
    const asyncOnly: Backend = {
      name: 'async-only',
      primitivesVersion: inner.primitivesVersion,
      capabilities: { float64: false, syncRead: false },
      kernels: inner.kernels,
      ready: async () => {},
      write: (v, s, d) => inner.write(v, s, d),
      read: (id) => inner.read(id),
      dispose: (id) => inner.dispose(id),
      memory: () => inner.memory(),
    };
    registerBackend('async-only', () => asyncOnly, 0);
    await setBackend('async-only');
    const t = tensor([1, 2]);
    expect(() => t.dataSync()).toThrow(AsyncOnlyError);
    expect(() => t.dataSync()).toThrow(/await tensor.data\(\)/);
    expect(Array.from(await t.data())).toEqual([1, 2]);
    expect(() => tensor([1], [1], 'float64')).toThrow(/float64 is not supported/);
    t.dispose();
    await setBackend('cpu');
    removeBackend('async-only');
  });

  test('with no backend registered, a typed error says which package to install', () => {
    removeBackend('cpu');
    try {
      expect(() => tensor([1])).toThrow(NoBackendError);
      expect(() => tensor([1])).toThrow(/npm install @libml\/backend-cpu/);
    } finally {
      registerBackend('cpu', () => new CpuBackend(), 1);
    }
    expect(getBackend()).toBe('cpu');
  });

  test('the primitive list is small and versioned', () => {
    expect(PRIMITIVES.length).toBeLessThanOrEqual(30);
  });
});
