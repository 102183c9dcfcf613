// The 8x8 handwritten digits (UCI, CC BY 4.0; demo/data/README.md), fetched as the gzipped CSV the
// build copies next to the page, and split like the demo: a seeded permutation, 20% test, the rest train.

import { randomBits } from '@libml/core';

export interface Split {
  /** [count, 64] pixels scaled to [0, 1]. */
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly count: number;
}

export async function loadDigits(url = 'digits.csv.gz'): Promise<Split> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`fetching ${url} gave HTTP ${response.status}`);
  const text = await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).text();
  const rows = text.trim().split('\n');
  const images = new Float32Array(rows.length * 64);
  const labels = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    const cols = row.split(',').map(Number);
    for (let j = 0; j < 64; j++) images[i * 64 + j] = cols[j] / 16;
    labels[i] = cols[64];
  });
  return { images, labels, count: rows.length };
}

/** A seeded permutation of 0..n-1 (Fisher-Yates on core's Philox stream). */
export function permutation(n: number, seed: number): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  const bits = randomBits(seed, n);
  for (let i = n - 1; i > 0; i--) {
    const j = bits[i] % (i + 1);
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

export function subset(d: Split, rows: ArrayLike<number>): Split {
  const images = new Float32Array(rows.length * 64);
  const labels = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    images.set(d.images.subarray(rows[i] * 64, rows[i] * 64 + 64), i * 64);
    labels[i] = d.labels[rows[i]];
  }
  return { images, labels, count: rows.length };
}

export function splitDigits(d: Split, seed: number): { train: Split; test: Split } {
  const order = permutation(d.count, seed);
  const nTest = Math.round(d.count * 0.2);
  return { test: subset(d, order.subarray(0, nTest)), train: subset(d, order.subarray(nTest)) };
}
