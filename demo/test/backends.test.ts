// The demo on every backend against cpu: the first 20 step losses agree within 1e-3 (relative), the
// final test accuracy within one point, and a model trained on cpu, saved and loaded on another
// backend predicts the same classes.

import { memory, setBackend } from '@libml/core';
import { loadModel, saveModel } from '@libml/nn';
import { describe, expect, test } from 'vitest';
import { DEFAULTS } from '../src/args.js';
import { useBackend } from '../src/backend.js';
import { loadDigits, splitDigits } from '../src/data.js';
import { digitsCnn } from '../src/model.js';
import { evaluate, train } from '../src/train.js';

const OTHER_BACKENDS = ['wasm', 'webgpu'];

async function run(backend: string): Promise<{ losses: number[]; accuracy: number }> {
  const losses: number[] = [];
  const r = await train({ ...DEFAULTS, backend }, { stepLoss: (l) => losses.push(l) });
  r.model.dispose();
  return { losses, accuracy: r.testAccuracy };
}

let reference: Promise<{ losses: number[]; accuracy: number }> | undefined;
const cpuRun = () => {
  reference ??= run('cpu');
  return reference;
};

describe('the digits demo on every backend agrees with cpu', () => {
  for (const backend of OTHER_BACKENDS) {
    test(`${backend}: first 20 step losses within 1e-3, final accuracy within 1 point`, async () => {
      const cpu = await cpuRun();
      const other = await run(backend);
      expect(other.losses.length).toBe(cpu.losses.length);
      for (let i = 0; i < 20; i++) {
        const rel = Math.abs(other.losses[i] - cpu.losses[i]) / Math.abs(cpu.losses[i]);
        expect(rel, `step ${i + 1}: ${other.losses[i]} vs cpu ${cpu.losses[i]}`).toBeLessThanOrEqual(1e-3);
      }
      expect(Math.abs(other.accuracy - cpu.accuracy)).toBeLessThanOrEqual(0.01);
    }, 300_000);

    test(`${backend}: a model saved on cpu loads there and predicts the same`, async () => {
      const { test: testSet } = splitDigits(loadDigits(), 1);
      await useBackend('cpu');
      const trained = await train({ ...DEFAULTS, epochs: 1 });
      const bytes = await saveModel(trained.model);
      const onCpu = await evaluate(trained.model, testSet);
      trained.model.dispose();

      await useBackend(backend);
      const before = memory().numTensors;
      const model = digitsCnn(99); // different initial weights: everything must come from the file
      await loadModel(model, bytes);
      model.eval();
      const there = await evaluate(model, testSet);
      expect(Array.from(there.predictions)).toEqual(Array.from(onCpu.predictions));
      expect(Math.abs(there.loss - onCpu.loss)).toBeLessThanOrEqual(1e-4 * Math.max(1, onCpu.loss));
      model.dispose();
      expect(memory().numTensors).toBe(before);
      await setBackend('cpu');
    }, 120_000);
  }
});
