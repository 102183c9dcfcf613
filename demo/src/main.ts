// libml's main job for now: train a small MLP on the 8x8 digits with a seeded split and print the
// test accuracy. Flags: --backend cpu, --epochs, --batch-size, --seed, --lr.

import { dispose, memory } from '@libml/core';
import '@libml/backend-cpu';
import { parseArgs, train } from './train.js';

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const result = await train(options, (line) => console.log(line));
  console.log(`training time ${result.seconds.toFixed(2)} s`);
  console.log(`test accuracy ${(100 * result.testAccuracy).toFixed(2)}% (${result.testCount} images)`);
  dispose(result.params);
  const live = memory().numTensors;
  if (live > 0) console.warn(`warning: ${live} tensors still alive at exit`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
