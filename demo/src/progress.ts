// Training progress in the terminal: on a TTY a bar per epoch redrawn in place with \r; otherwise (logs,
// CI, pipes) one line per epoch.

import type { EpochStats, TrainListener } from './train.js';

const WIDTH = 24;

function bar(fraction: number): string {
  const filled = Math.round(fraction * WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
}

const pct = (x: number) => `${(100 * x).toFixed(1).padStart(5)}%`;

/** A listener that draws progress on `stream` (a TTY gets the live bar). */
export function progressListener(
  epochs: number,
  stream: { isTTY?: boolean; write(s: string): unknown } = process.stdout,
): TrainListener {
  const tty = stream.isTTY === true;
  const width = String(epochs).length;
  const head = (epoch: number) => `epoch ${String(epoch).padStart(width)}/${epochs}`;
  let lastDraw = 0;
  return {
    info: (line) => stream.write(`${line}\n`),
    step: (epoch, seen, total, loss, accuracy, rate) => {
      if (!tty) return;
      const now = performance.now();
      if (seen < total && now - lastDraw < 80) return;
      lastDraw = now;
      stream.write(
        `\r${head(epoch)} ${bar(seen / total)} ${String(seen).padStart(String(total).length)}/${total}` +
          `  loss ${loss.toFixed(4)}  acc ${pct(accuracy)}  ${rate.toFixed(0).padStart(5)} samples/s\x1b[K`,
      );
    },
    epoch: (s: EpochStats) => {
      const line =
        `${head(s.epoch)} ${bar(1)}  loss ${s.trainLoss.toFixed(4)}  acc ${pct(s.trainAccuracy)}` +
        `  val loss ${s.validationLoss.toFixed(4)}  val acc ${pct(s.validationAccuracy)}` +
        `  ${s.samplesPerSecond.toFixed(0).padStart(5)} samples/s`;
      stream.write(tty ? `\r${line}\x1b[K\n` : `${line}\n`);
    },
  };
}
