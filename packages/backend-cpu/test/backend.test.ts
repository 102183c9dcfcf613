import { OVERRIDES, PRIMITIVES, PRIMITIVES_VERSION } from '@libml/core';
import { describe, expect, it } from 'vitest';
import { CpuBackend, CpuData, cpuKernels, createCpuBackend } from '../src/index.js';
import { registrations } from './support/core.js';

describe('CpuBackend', () => {
  it('implements every primitive and every override', () => {
    const cpu = new CpuBackend();
    expect(cpu.name).toBe('cpu');
    expect(cpu.primitivesVersion).toBe(PRIMITIVES_VERSION);
    expect(cpu.capabilities).toEqual({ float64: true, syncRead: true });
    for (const name of [...PRIMITIVES, ...OVERRIDES]) {
      expect(typeof cpuKernels[name], name).toBe('function');
      expect(typeof cpu.kernels[name], name).toBe('function');
    }
  });

  it('registers itself as "cpu" with priority 1 on import', async () => {
    const registration = registrations.find((r) => r.name === 'cpu');
    expect(registration?.priority).toBe(1);
    expect(await registration?.factory()).toBeInstanceOf(CpuBackend);
    expect(createCpuBackend()).toBeInstanceOf(CpuBackend);
  });

  it('write copies (and converts) the values; read and readSync return copies', async () => {
    const cpu = new CpuBackend();
    const source = new Float64Array([1.5, -2.5, 3]);
    const id = cpu.write(source, [3], 'float32');
    source[0] = 99;
    const values = cpu.readSync(id);
    expect(values).toBeInstanceOf(Float32Array);
    expect(Array.from(values)).toEqual([1.5, -2.5, 3]);
    values[1] = 42;
    expect(Array.from(await cpu.read(id))).toEqual([1.5, -2.5, 3]);
    const ints = cpu.write(new Float64Array([1.9, -1.9]), [2], 'int32');
    expect(Array.from(cpu.readSync(ints))).toEqual([1, -1]);
    expect(() => cpu.write(new Float32Array(2), [3], 'float32')).toThrow(/2 values/);
    cpu.dispose(id);
    cpu.dispose(ints);
    expect(() => cpu.readSync(id)).toThrow(/disposed/);
  });

  it('memory() counts writes and kernel outputs, and returns to zero after dispose (twice is harmless)', () => {
    const cpu = new CpuBackend();
    expect(cpu.memory()).toEqual({ buffers: 0, bytes: 0 });
    const a = cpu.write(new Float32Array([1, 2, 3, 4]), [2, 2], 'float32');
    const b = cpu.write(new Float64Array([1, 2]), [2], 'float64');
    expect(cpu.memory()).toEqual({ buffers: 2, bytes: 16 + 16 });
    const [sum] = cpu.kernels.add(
      [
        { dataId: a, shape: [2, 2], dtype: 'float32' },
        { dataId: a, shape: [2, 2], dtype: 'float32' },
      ],
      {},
      [{ shape: [2, 2], dtype: 'float32' }],
    );
    const [mean, variance] = cpu.kernels.moments!(
      [{ dataId: b, shape: [2], dtype: 'float64' }],
      { axes: [0] },
      [
        { shape: [], dtype: 'float64' },
        { shape: [], dtype: 'float64' },
      ],
    );
    const [flags] = cpu.kernels.less(
      [
        { dataId: a, shape: [2, 2], dtype: 'float32' },
        { dataId: sum, shape: [2, 2], dtype: 'float32' },
      ],
      {},
      [{ shape: [2, 2], dtype: 'bool' }],
    );
    expect(sum).toBeInstanceOf(CpuData);
    expect(cpu.memory()).toEqual({ buffers: 6, bytes: 32 + 16 + 8 + 8 + 4 });
    for (const id of [a, b, sum, mean, variance, flags]) cpu.dispose(id);
    cpu.dispose(a);
    cpu.dispose(sum);
    expect(cpu.memory()).toEqual({ buffers: 0, bytes: 0 });
  });

  it('kernels never return an input handle, even for no-op shapes', () => {
    const cpu = new CpuBackend();
    const x = cpu.write(new Float32Array([1, 2, 3]), [3], 'float32');
    const info = { dataId: x, shape: [3], dtype: 'float32' as const };
    const spec = { shape: [3], dtype: 'float32' as const };
    const outputs = [
      cpu.kernels.transpose([info], { perm: [0] }, [spec]),
      cpu.kernels.sum([info], { axes: [] }, [spec]),
      cpu.kernels.broadcastTo([info], { shape: [3] }, [spec]),
      cpu.kernels.cast([info], { dtype: 'float32' }, [spec]),
      cpu.kernels.slice([info], { begin: [0], size: [3] }, [spec]),
    ].flat();
    for (const id of outputs) {
      expect(id).not.toBe(x);
      cpu.dispose(id);
    }
    cpu.dispose(x);
    expect(cpu.memory().buffers).toBe(0);
  });
});
