// Quick speed check (not a test): single-threaded matmul GFLOP/s at 512 and 1024, and one training step
// of a 784-256-128-10 MLP on a batch of 128. Run after `pnpm build`: node scripts/speed.mjs [backend]

import {
  add,
  dispose,
  grad,
  keep,
  matmul,
  mean,
  mul,
  randomNormal,
  relu,
  setBackend,
  softmaxCrossEntropy,
  sub,
  tensor,
  tidy,
} from '@libml/core';
import '../dist/index.js';

const backend = process.argv[2] ?? 'wasm';
// For comparison only: the cpu backend from its workspace build (not a dependency of this package).
if (backend === 'cpu') await import('../../backend-cpu/dist/index.js');
await setBackend(backend);

function time(fn, reps) {
  fn();
  const start = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - start) / reps;
}

for (const n of [512, 1024]) {
  const a = randomNormal([n, n], 0, 1, { seed: 1 });
  const b = randomNormal([n, n], 0, 1, { seed: 2 });
  const ms = time(() => tidy(() => matmul(a, b).dataSync()), n === 512 ? 20 : 5);
  console.log(`${backend} matmul ${n}: ${ms.toFixed(2)} ms, ${((2 * n ** 3) / ms / 1e6).toFixed(1)} GFLOP/s`);
  dispose([a, b]);
}

function softmaxLabels() {
  const l = new Int32Array(128);
  for (let i = 0; i < 128; i++) l[i] = (i * 7) % 10;
  return tensor(l, [128], 'int32');
}

const sizes = [784, 256, 128, 10];
const params = [];
for (let i = 0; i < 3; i++) {
  params.push(keep(mul(randomNormal([sizes[i], sizes[i + 1]], 0, 1, { seed: 10 + i }), 0.05)));
  params.push(keep(mul(randomNormal([sizes[i + 1]], 0, 1, { seed: 20 + i }), 0)));
}
const x = randomNormal([128, 784], 0, 1, { seed: 3 });
const labels = softmaxLabels();
const loss = (...p) => {
  let h = x;
  for (let i = 0; i < 3; i++) {
    h = add(matmul(h, p[2 * i]), p[2 * i + 1]);
    if (i < 2) h = relu(h);
  }
  return mean(softmaxCrossEntropy(h, labels));
};
const step = () =>
  tidy(() => {
    const g = grad(
      loss,
      params.map((_, i) => i),
    )(...params);
    const updated = params.map((p, i) => sub(p, mul(g[i], 0.01)));
    updated[0].dataSync();
    return updated;
  });
const ms = time(() => dispose(step()), 20);
console.log(`${backend} MLP 784-256-128-10 batch 128 train step: ${ms.toFixed(2)} ms`);
