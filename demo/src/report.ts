// Reporting the result: the confusion matrix as terminal text, and an SVG plot (written by hand, no
// dependencies) of training and validation loss and accuracy per epoch.

import type { EpochStats } from './train.js';

/** The confusion matrix (rows: true digit, columns: predicted), with per-class recall. */
export function confusionText(confusion: number[][]): string {
  const w = Math.max(3, ...confusion.flat().map((n) => String(n).length + 1));
  const cell = (s: string | number) => String(s).padStart(w);
  const lines = [`${'true \\ predicted'.padEnd(17)}${confusion.map((_, j) => cell(j)).join('')}   recall`];
  confusion.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    const cells = row.map((n) => (n === 0 ? cell('.') : cell(n)));
    const recall = total ? `${((100 * row[i]) / total).toFixed(1).padStart(6)}%` : '     -';
    lines.push(`${String(i).padEnd(17)}${cells.join('')}  ${recall}`);
  });
  return lines.join('\n');
}

interface Series {
  readonly label: string;
  readonly color: string;
  readonly dashed: boolean;
  readonly values: readonly number[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (x: number) => Number(x.toFixed(2)).toString();

/** At most 7 round tick values covering [lo, hi] (whole numbers only with `integers`). */
function ticks(lo: number, hi: number, integers = false): number[] {
  const span = hi - lo || 1;
  const mag = integers ? 1 : 10 ** Math.floor(Math.log10(span / 5));
  const steps = (integers ? [1, 2, 5, 10, 20, 50, 100, 200, 500] : [1, 2, 2.5, 5, 10]).map((m) => m * mag);
  const step = steps.find((s) => span / s <= 6) ?? steps[steps.length - 1] * 10;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toPrecision(10)));
  return out;
}

function panel(
  x0: number,
  y0: number,
  w: number,
  h: number,
  title: string,
  series: readonly Series[],
  range: [number, number],
  percent: boolean,
  legendAtBottom: boolean,
): string {
  const n = Math.max(...series.map((s) => s.values.length));
  const [lo, hi] = range;
  const px = (i: number) => x0 + (n <= 1 ? w / 2 : (i / (n - 1)) * w);
  const py = (v: number) => y0 + h - ((v - lo) / (hi - lo || 1)) * h;
  const parts: string[] = [];
  parts.push(
    `<text x="${x0 + w / 2}" y="${y0 - 14}" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`,
  );
  for (const t of ticks(lo, hi)) {
    const y = py(t).toFixed(1);
    parts.push(`<line x1="${x0}" y1="${y}" x2="${x0 + w}" y2="${y}" stroke="#e4e4e4"/>`);
    parts.push(
      `<text x="${x0 - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" font-size="11">${percent ? `${fmt(100 * t)}%` : fmt(t)}</text>`,
    );
  }
  const epochTicks = ticks(1, n, true);
  for (const e of epochTicks) {
    const x = px(e - 1).toFixed(1);
    parts.push(`<line x1="${x}" y1="${y0 + h}" x2="${x}" y2="${y0 + h + 4}" stroke="#333"/>`);
    parts.push(`<text x="${x}" y="${y0 + h + 17}" text-anchor="middle" font-size="11">${e}</text>`);
  }
  parts.push(`<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${x0 + w / 2}" y="${y0 + h + 34}" text-anchor="middle" font-size="12">epoch</text>`);
  for (const s of series) {
    const pts = s.values.map((v, i) => `${px(i).toFixed(1)},${py(v).toFixed(1)}`).join(' ');
    parts.push(
      `<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
    );
    for (const [i, v] of s.values.entries())
      parts.push(`<circle cx="${px(i).toFixed(1)}" cy="${py(v).toFixed(1)}" r="2.5" fill="${s.color}"/>`);
  }
  series.forEach((s, k) => {
    const ly = legendAtBottom ? y0 + h - 14 - (series.length - 1 - k) * 18 : y0 + 14 + k * 18;
    const lx = x0 + w - 150;
    parts.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 24}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
    );
    parts.push(
      `<text x="${lx + 30}" y="${ly}" dominant-baseline="middle" font-size="12">${esc(s.label)}</text>`,
    );
  });
  return parts.join('\n');
}

/** An SVG of loss (left) and accuracy (right) per epoch, training and validation. */
export function historySvg(history: readonly EpochStats[], subtitle: string): string {
  const W = 960;
  const H = 420;
  const train = '#1f77b4';
  const val = '#d62728';
  const losses = history.flatMap((s) => [s.trainLoss, s.validationLoss]);
  const accs = history.flatMap((s) => [s.trainAccuracy, s.validationAccuracy]);
  const lossPanel = panel(
    70,
    60,
    360,
    280,
    'Loss (cross-entropy)',
    [
      { label: 'training', color: train, dashed: false, values: history.map((s) => s.trainLoss) },
      { label: 'validation', color: val, dashed: true, values: history.map((s) => s.validationLoss) },
    ],
    [0, Math.max(...losses, 1e-3) * 1.05],
    false,
    false,
  );
  const accLo = Math.max(0, Math.floor(Math.min(...accs) * 10) / 10);
  const accPanel = panel(
    560,
    60,
    360,
    280,
    'Accuracy',
    [
      { label: 'training', color: train, dashed: false, values: history.map((s) => s.trainAccuracy) },
      { label: 'validation', color: val, dashed: true, values: history.map((s) => s.validationAccuracy) },
    ],
    [accLo, 1],
    true,
    true,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="${H - 20}" text-anchor="middle" font-size="12" fill="#555">${esc(subtitle)}</text>`,
    lossPanel,
    accPanel,
    '</svg>',
    '',
  ].join('\n');
}
