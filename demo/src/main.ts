// libml's digits demo: trains a small CNN (@libml/nn) on the 8x8 digits with a seeded train / validation
// / test split, shows progress per epoch, and reports test accuracy, training time and a confusion
// matrix; writes a loss/accuracy plot (SVG), the weights (safetensors) and metrics (JSON) to --out.
// With --seeds it trains once per seed and reports the mean test accuracy. Flags: see args.ts (--help).

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memory } from '@libml/core';
import { saveModel } from '@libml/nn';
import { type Options, parseArgs, USAGE, UsageError } from './args.js';
import { BackendUnavailableError } from './backend.js';
import { progressListener } from './progress.js';
import { confusionText, historySvg } from './report.js';
import { type TrainResult, train } from './train.js';

const DEFAULT_OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'out');

/** Trains one seed, prints its report and writes its files to `out`. */
async function runOne(o: Options, out: string): Promise<TrainResult> {
  const result = await train(o, progressListener(o.epochs));
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  console.log(
    `\ntraining time ${result.seconds.toFixed(1)} s (${o.epochs} epochs, ` +
      `${result.samplesPerSecond.toFixed(0)} samples/s; data loading excluded)`,
  );
  console.log(`test accuracy ${pct(result.testAccuracy)} (${result.counts.test} images, seed ${o.seed})\n`);
  console.log(confusionText(result.confusion));

  mkdirSync(out, { recursive: true });
  const subtitle =
    `libml digits CNN, seed ${o.seed}, ${o.epochs} epochs, batch ${o.batchSize}, Adam lr ${o.lr}, ` +
    `backend ${o.backend}: test accuracy ${pct(result.testAccuracy)}`;
  const files = {
    plot: join(out, 'training.svg'),
    weights: join(out, 'model.safetensors'),
    metrics: join(out, 'metrics.json'),
  };
  writeFileSync(files.plot, historySvg(result.history, subtitle));
  const bytes = await saveModel(result.model, {
    format: 'pt',
    model: 'libml digits CNN',
    seed: String(o.seed),
    testAccuracy: result.testAccuracy.toFixed(4),
  });
  writeFileSync(files.weights, bytes);
  const metrics = {
    options: o,
    testAccuracy: result.testAccuracy,
    trainingSeconds: result.seconds,
    samplesPerSecond: result.samplesPerSecond,
    counts: result.counts,
    confusion: result.confusion,
    history: result.history,
  };
  writeFileSync(files.metrics, `${JSON.stringify(metrics, null, 2)}\n`);
  console.log(`\nwrote ${files.plot}, ${files.weights} (${bytes.length} bytes), ${files.metrics}`);
  return result;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const out = o.out === undefined ? DEFAULT_OUT : resolve(o.out);
  if (!o.seeds) {
    const r = await runOne(o, out);
    r.model.dispose();
  } else {
    const rows: { seed: number; accuracy: number; seconds: number; rate: number }[] = [];
    for (const seed of o.seeds) {
      console.log(`\n=== seed ${seed} ===`);
      const r = await runOne({ ...o, seed }, join(out, `seed-${seed}`));
      rows.push({ seed, accuracy: r.testAccuracy, seconds: r.seconds, rate: r.samplesPerSecond });
      r.model.dispose();
    }
    const mean = rows.reduce((s, r) => s + r.accuracy, 0) / rows.length;
    const sd = Math.sqrt(rows.reduce((s, r) => s + (r.accuracy - mean) ** 2, 0) / rows.length);
    console.log('\nseed  test accuracy  training time  samples/s');
    for (const r of rows)
      console.log(
        `${String(r.seed).padStart(4)}  ${(100 * r.accuracy).toFixed(2).padStart(12)}%  ${r.seconds.toFixed(1).padStart(11)} s  ${r.rate.toFixed(0).padStart(9)}`,
      );
    console.log(
      `mean test accuracy over seeds ${o.seeds.join(', ')}: ${(100 * mean).toFixed(2)}% (sd ${(100 * sd).toFixed(2)})`,
    );
    writeFileSync(join(out, 'seeds.json'), `${JSON.stringify({ options: o, runs: rows, mean }, null, 2)}\n`);
  }
  const live = memory().numTensors;
  if (live > 0) console.warn(`warning: ${live} tensors still alive at exit`);
}

main().catch((e: unknown) => {
  if (e instanceof UsageError) {
    if (e.message) console.error(`error: ${e.message}\n`);
    console.error(USAGE);
    process.exitCode = 2;
  } else if (e instanceof BackendUnavailableError) {
    console.error(`error: ${e.message}`);
    process.exitCode = 1;
  } else {
    console.error(e);
    process.exitCode = 1;
  }
});
