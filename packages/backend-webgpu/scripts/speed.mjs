// Quick speed check (not a test): matmul 1024^3 GFLOP/s and small-op latency (add of two 4,096-element
// tensors including readback). Run after building: node scripts/speed.mjs [--tiles=cpu|gpu]

import * as ml from '@libml/core';
import { registerWebGpuBackend } from '../dist/index.js';

const tilesArg = process.argv.find((a) => a.startsWith('--tiles='))?.slice(8);
registerWebGpuBackend('webgpu-speed', tilesArg ? { tiles: tilesArg } : {}, 0);
await ml.setBackend('webgpu-speed');
const b = ml.findBackend('webgpu-speed');
console.log(`adapter: ${JSON.stringify(b.adapter)}`);
console.log(`tiles: ${JSON.stringify(b.gpu().tiles)}`);

const n = Number(process.env.N ?? 1024);
const a = ml.randomUniform([n, n], -1, 1, 1);
const c = ml.randomUniform([n, n], -1, 1, 2);
await ml.matmul(a, c).data(); // warm-up: compile
const reps = Number(process.env.REPS ?? 5);
let t0 = performance.now();
for (let i = 0; i < reps; i++) {
  const y = ml.matmul(a, c);
  await y.data();
  y.dispose();
}
let ms = (performance.now() - t0) / reps;
console.log(
  `matmul ${n}x${n}x${n}: ${ms.toFixed(1)} ms, ${((2 * n ** 3) / (ms * 1e6)).toFixed(2)} GFLOP/s (incl. 4 MB readback)`,
);

const x = ml.tensor(new Float32Array(4096).fill(1));
const z = ml.tensor(new Float32Array(4096).fill(2));
await ml.add(x, z).data();
const small = 200;
t0 = performance.now();
for (let i = 0; i < small; i++) {
  const y = ml.add(x, z);
  await y.data();
  y.dispose();
}
ms = (performance.now() - t0) / small;
console.log(`add 4096 + readback: ${(ms * 1000).toFixed(0)} us per op`);
console.log(`stats: ${JSON.stringify(b.stats())}`);
