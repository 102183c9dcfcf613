// Quick speed check (not a test): matmul GFLOP/s at 256, 512 and 1024, conv2d (the bench's NHWC and NCHW
// shapes, forward and both gradients), and one training step of a 784-256-128-10 MLP on a batch of 128.
// Run after `pnpm build`:
//   node scripts/speed.mjs             wasm on one thread, then threads: 'auto' (the default)
//   node scripts/speed.mjs cpu         the cpu backend, for comparison
//   node --experimental-wasm-relaxed-simd scripts/speed.mjs    the same with the relaxed-SIMD build (Node 20)

import {
  add,
  conv2d,
  currentBackend,
  dispose,
  grad,
  keep,
  matmul,
  mean,
  mul,
  randomNormal,
  registerBackend,
  relu,
  setBackend,
  softmaxCrossEntropy,
  sub,
  sum,
  tensor,
  tidy,
} from '@libml/core';
import { WasmBackend } from '../dist/index.js';

const which = process.argv[2] ?? 'wasm';
// For comparison only: the cpu backend from its workspace build (not a dependency of this package).
if (which === 'cpu') await import('../../backend-cpu/dist/index.js');
registerBackend('wasm-1', () => new WasmBackend({ threads: 1 }, 'wasm-1'), 0);
const backends = which === 'wasm' ? ['wasm-1', 'wasm'] : [which];

function time(fn, reps) {
  fn();
  const start = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - start) / reps;
}

async function measure(label) {
  for (const n of [256, 512, 1024]) {
    const a = randomNormal([n, n], 0, 1, { seed: 1 });
    const b = randomNormal([n, n], 0, 1, { seed: 2 });
    const ms = time(() => tidy(() => matmul(a, b).dataSync()), n === 1024 ? 5 : 20);
    console.log(`${label} matmul ${n}: ${ms.toFixed(2)} ms, ${((2 * n ** 3) / ms / 1e6).toFixed(1)} GFLOP/s`);
    dispose([a, b]);
  }

  const conv = { n: 8, h: 32, w: 32, cin: 16, cout: 32, k: 3 };
  const convFlops = 2 * conv.n * conv.h * conv.w * conv.cout * conv.cin * conv.k * conv.k;
  for (const layout of ['NHWC', 'NCHW']) {
    const nhwc = layout === 'NHWC';
    const x = randomNormal(
      nhwc ? [conv.n, conv.h, conv.w, conv.cin] : [conv.n, conv.cin, conv.h, conv.w],
      0,
      1,
      {
        seed: 4,
      },
    );
    const f = randomNormal(nhwc ? [3, 3, conv.cin, conv.cout] : [conv.cout, conv.cin, 3, 3], 0, 1, {
      seed: 5,
    });
    const opts = { padding: 'same', dataFormat: layout, filterFormat: nhwc ? 'HWIO' : 'OIHW' };
    const fwd = time(() => tidy(() => conv2d(x, f, opts).dataSync()), 20);
    const g = grad((a, b) => sum(conv2d(a, b, opts)), [0, 1]);
    const bwd = time(() => tidy(() => g(x, f).map((t) => t.dataSync())), 10);
    console.log(
      `${label} conv2d ${layout}: ${fwd.toFixed(2)} ms, ${(convFlops / fwd / 1e6).toFixed(1)} GFLOP/s; ` +
        `gradients (incl. forward) ${bwd.toFixed(2)} ms`,
    );
    dispose([x, f]);
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
  console.log(`${label} MLP 784-256-128-10 batch 128 train step: ${ms.toFixed(2)} ms`);
}

for (const backend of backends) {
  await setBackend(backend);
  const b = currentBackend();
  await measure(
    b instanceof WasmBackend ? `wasm (${b.threads} thread${b.threads > 1 ? 's' : ''}, ${b.simd})` : backend,
  );
}
