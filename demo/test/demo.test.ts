// The demo learns (a short run clears a threshold), frees every tensor, splits reproducibly, and its
// command line, progress output and reports behave.

import '@libml/backend-cpu';
import { memory } from '@libml/core';
import { describe, expect, test } from 'vitest';
import { DEFAULTS, parseArgs, UsageError } from '../src/args.js';
import { BackendUnavailableError, useBackend } from '../src/backend.js';
import { loadDigits, permutation, splitDigits } from '../src/data.js';
import { progressListener } from '../src/progress.js';
import { confusionText, historySvg } from '../src/report.js';
import { train } from '../src/train.js';

describe('digits demo', () => {
  test('the data loads with its 1,797 labelled images', () => {
    const d = loadDigits();
    expect(d.count).toBe(1797);
    expect(d.images.reduce((a, b) => Math.max(a, b))).toBe(1);
    expect(new Set(d.labels).size).toBe(10);
  });

  test('the split is seeded and covers every image once: test 20%, validation carved from the rest', () => {
    const d = loadDigits();
    const a = splitDigits(d, 3);
    const b = splitDigits(d, 3);
    expect(Array.from(a.test.labels)).toEqual(Array.from(b.test.labels));
    expect(Array.from(a.train.images.subarray(0, 256))).toEqual(Array.from(b.train.images.subarray(0, 256)));
    expect(Array.from(splitDigits(d, 4).test.labels)).not.toEqual(Array.from(a.test.labels));
    expect([a.train.count, a.validation.count, a.test.count]).toEqual([1294, 144, 359]);
    const p = permutation(1797, 3);
    expect(new Set(p).size).toBe(1797);
  });

  test('two epochs reach 90% test accuracy, report per epoch, and free every tensor', async () => {
    const before = memory().numTensors;
    const lines: string[] = [];
    const r = await train({ ...DEFAULTS, epochs: 2 }, progressListener(2, { write: (s) => lines.push(s) }));
    expect(r.testAccuracy).toBeGreaterThan(0.9);
    expect(r.history).toHaveLength(2);
    expect(r.history[1].trainLoss).toBeLessThan(r.history[0].trainLoss);
    expect(r.confusion.flat().reduce((a, b) => a + b, 0)).toBe(r.counts.test);
    // not a TTY: the two setup lines and one line per epoch, no carriage returns
    expect(lines.filter((l) => l.startsWith('epoch'))).toHaveLength(2);
    expect(lines.join('')).not.toContain('\r');
    expect(lines[2]).toMatch(/^epoch 1\/2 .*loss \d\.\d{4}.*acc .*val acc .*samples\/s\n$/);
    // the model's parameters and buffers are all that is left
    const held = r.model.namedParameters().length + r.model.namedBuffers().length;
    expect(memory().numTensors).toBe(before + held);
    r.model.dispose();
    expect(memory().numTensors).toBe(before);
  }, 30_000);

  test('the compiled step (jit, the default) trains as the op-by-op one does', async () => {
    const losses = async (jit: boolean) => {
      const out: number[] = [];
      const r = await train({ ...DEFAULTS, epochs: 1, jit }, { stepLoss: (l) => out.push(l) });
      r.model.dispose();
      return { out, accuracy: r.testAccuracy };
    };
    const compiled = await losses(true);
    const eager = await losses(false);
    expect(compiled.out.length).toBe(eager.out.length);
    for (let i = 0; i < 20; i++) {
      const rel = Math.abs(compiled.out[i] - eager.out[i]) / Math.abs(eager.out[i]);
      expect(rel, `step ${i + 1}: ${compiled.out[i]} vs ${eager.out[i]}`).toBeLessThanOrEqual(1e-4);
    }
    expect(Math.abs(compiled.accuracy - eager.accuracy)).toBeLessThanOrEqual(0.01);
  }, 60_000);

  test('a TTY gets a bar redrawn in place with \\r', () => {
    const out: string[] = [];
    const l = progressListener(3, { isTTY: true, write: (s) => out.push(s) });
    l.step?.(1, 32, 64, 1.5, 0.5, 1000);
    l.step?.(1, 64, 64, 1.2, 0.6, 1000);
    l.epoch?.({
      epoch: 1,
      trainLoss: 1.2,
      trainAccuracy: 0.6,
      validationLoss: 1,
      validationAccuracy: 0.7,
      samplesPerSecond: 1000,
    });
    expect(out.every((s) => s.startsWith('\r'))).toBe(true);
    expect(out[out.length - 1]).toMatch(/\n$/);
  });

  test('flags: defaults, --seeds ranges and lists, errors; an unknown backend is a clear error', async () => {
    expect(parseArgs([])).toEqual(DEFAULTS);
    expect(parseArgs(['--seeds', '1-5']).seeds).toEqual([1, 2, 3, 4, 5]);
    expect(parseArgs(['--seeds=2,4', '--epochs', '3', '--out', '/tmp/x'])).toMatchObject({
      seeds: [2, 4],
      epochs: 3,
      out: '/tmp/x',
    });
    expect(parseArgs(['--no-jit']).jit).toBe(false);
    expect(parseArgs(['--no-jit', '--jit']).jit).toBe(true);
    expect(() => parseArgs(['--epochs', '0'])).toThrow(UsageError);
    expect(() => parseArgs(['--nope'])).toThrow(/unknown flag/);
    await expect(useBackend('tpu')).rejects.toThrow(BackendUnavailableError);
    await expect(useBackend('tpu')).rejects.toThrow(/unknown backend/);
  });

  test('reports: the confusion matrix text and the SVG plot', () => {
    const confusion: number[][] = Array.from({ length: 10 }, (_, i) =>
      Array.from({ length: 10 }, (_, j) => (i === j ? 9 : 0)),
    );
    confusion[3][5] = 1;
    const text = confusionText(confusion);
    expect(text.split('\n')).toHaveLength(11);
    expect(text).toContain('90.0%');
    const history = [1, 2, 3].map((epoch) => ({
      epoch,
      trainLoss: 1 / epoch,
      trainAccuracy: 1 - 0.1 / epoch,
      validationLoss: 1.2 / epoch,
      validationAccuracy: 1 - 0.2 / epoch,
      samplesPerSecond: 1000,
    }));
    const svg = historySvg(history, 'a < b & c');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(4);
    expect(svg).toContain('a &lt; b &amp; c');
  });
});
