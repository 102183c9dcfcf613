import { describe, expect, test } from 'vitest';
import './setup.js';
import {
  add,
  DisposedTensorError,
  dispose,
  keep,
  memory,
  reshape,
  ShapeError,
  tensor,
  tidy,
} from '@libml/core';

describe('memory', () => {
  test('tidy disposes everything but the result and kept tensors', () => {
    const before = memory();
    let kept: ReturnType<typeof tensor> | undefined;
    const result = tidy(() => {
      const a = tensor([1, 2, 3]);
      kept = keep(add(a, 1));
      return { sum: add(a, kept), list: [a] };
    });
    const after = memory();
    expect(after.numTensors - before.numTensors).toBe(3);
    dispose([result, kept]);
    expect(memory().numTensors).toBe(before.numTensors);
    expect(memory().numBytes).toBe(before.numBytes);
  });

  test('reshape shares data and frees it with the last view', () => {
    const before = memory().backends.cpu?.buffers ?? 0;
    const a = tensor([1, 2, 3, 4]);
    const b = reshape(a, [2, 2]);
    expect(memory().backends.cpu.buffers).toBe(before + 1);
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3, 4]);
    b.dispose();
    expect(memory().backends.cpu.buffers).toBe(before);
  });

  test('an error inside tidy frees what the function made', () => {
    const before = memory();
    expect(() =>
      tidy(() => {
        const a = tensor([1, 2, 3]);
        add(a, tensor([1, 2]));
      }),
    ).toThrow(ShapeError);
    expect(memory().numTensors).toBe(before.numTensors);
    expect(memory().backends.cpu.buffers).toBe(before.backends.cpu.buffers);
  });

  test('a failed op leaks nothing even outside tidy', () => {
    const a = tensor([1, 2, 3]);
    const b = tensor([1, 2]);
    const before = memory();
    expect(() => add(a, 5 as number) && add(a, b)).toThrow(ShapeError);
    expect(memory().numTensors).toBe(before.numTensors + 1); // the successful add(a, 5)
    dispose([a, b]);
  });

  test('a disposed tensor gives a typed error naming the op', () => {
    const a = tensor([1, 2]);
    a.dispose();
    expect(() => add(a, 1)).toThrow(DisposedTensorError);
    expect(() => add(a, 1)).toThrow(/add: argument 'a'/);
    expect(() => a.dataSync()).toThrow(DisposedTensorError);
    a.dispose();
  });
});
