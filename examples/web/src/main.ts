// The example page: choose a backend, load the digits, train on a click, show the test accuracy and a
// few test digits with their predicted labels. ?backend=webgpu|wasm|cpu forces one.

import { type BackendName, PREFERENCE, pickBackend } from './backend.js';
import { loadDigits, type Split, splitDigits } from './digits.js';
import { DEFAULTS, train } from './train.js';

const $ = (id: string) => document.getElementById(id) as HTMLElement;
const log = (line: string) => {
  $('log').textContent += `${$('log').textContent ? '\n' : ''}${line}`;
};

function drawDigit(images: Float32Array, i: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = 8;
  canvas.height = 8;
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(8, 8);
  for (let p = 0; p < 64; p++) {
    const v = 255 - Math.round(images[i * 64 + p] * 255);
    img.data.set([v, v, v, 255], p * 4);
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

function showSamples(test: Split, predictions: Int32Array, count = 24): void {
  const box = $('samples');
  box.replaceChildren();
  $('samples-note').textContent =
    `The first ${Math.min(count, test.count)} test images and the predicted digit (red: wrong, the true one in parentheses).`;
  for (let i = 0; i < Math.min(count, test.count); i++) {
    const figure = document.createElement('figure');
    const caption = document.createElement('figcaption');
    const ok = predictions[i] === test.labels[i];
    caption.className = ok ? 'ok' : 'bad';
    caption.textContent = ok ? `${predictions[i]}` : `${predictions[i]} (${test.labels[i]})`;
    figure.append(drawDigit(test.images, i), caption);
    box.append(figure);
  }
}

async function main(): Promise<void> {
  const forced = new URLSearchParams(location.search).get('backend') as BackendName | null;
  if (forced && !PREFERENCE.includes(forced)) throw new Error(`unknown backend '${forced}'`);
  const picked = await pickBackend(forced ?? undefined);
  $('backend').textContent = picked.name;
  $('backend').dataset.backend = picked.name;
  $('backend-detail').textContent = `(${picked.detail})`;
  for (const s of picked.skipped) log(`${s.name} not used: ${s.reason}`);

  const { train: trainSet, test } = splitDigits(await loadDigits(), DEFAULTS.seed);
  $('data').textContent =
    `${trainSet.count} training and ${test.count} test images, ${DEFAULTS.epochs} epochs`;
  const button = $('train') as HTMLButtonElement;
  button.disabled = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    $('accuracy').textContent = '';
    delete $('accuracy').dataset.accuracy;
    log(`training on ${picked.name}...`);
    try {
      const result = await train(trainSet, test, DEFAULTS, (epoch, loss) =>
        log(`epoch ${String(epoch).padStart(2)}: loss ${loss.toFixed(4)}`),
      );
      $('accuracy').textContent =
        `Test accuracy: ${(100 * result.testAccuracy).toFixed(1)}% ` +
        `(${result.seconds.toFixed(1)} s of training on ${picked.name})`;
      $('accuracy').dataset.accuracy = String(result.testAccuracy);
      $('accuracy').dataset.seconds = String(result.seconds);
      showSamples(test, result.predictions);
    } catch (e) {
      log(`failed: ${(e as Error).message}`);
      $('accuracy').dataset.error = (e as Error).message;
    } finally {
      button.disabled = false;
    }
  });
}

main().catch((e) => {
  $('backend').textContent = 'none';
  log(`error: ${(e as Error).stack ?? e}`);
});
