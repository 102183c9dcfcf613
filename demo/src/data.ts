// Loads the 8x8 digits (demo/data/digits.csv.gz) and makes a seeded train / validation / test split.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { randomBits } from '@libml/core';

export interface Digits {
  /** [n, 64] pixels scaled to [0, 1]. */
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly count: number;
}

export function loadDigits(
  path = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'digits.csv.gz'),
): Digits {
  const text = gunzipSync(readFileSync(path)).toString('utf8').trim();
  const rows = text.split('\n');
  const images = new Float32Array(rows.length * 64);
  const labels = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    const cols = row.split(',').map(Number);
    if (cols.length !== 65) throw new Error(`digits.csv.gz row ${i} has ${cols.length} columns, expected 65`);
    for (let j = 0; j < 64; j++) images[i * 64 + j] = cols[j] / 16;
    labels[i] = cols[64];
  });
  return { images, labels, count: rows.length };
}

/** A seeded permutation of 0..n-1 (Fisher-Yates on Philox words). */
export function permutation(n: number, seed: number): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  const bits = randomBits(seed, n);
  for (let i = n - 1; i > 0; i--) {
    const j = bits[i] % (i + 1);
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

export interface Split {
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly count: number;
}

export function subset(d: Digits, indices: ArrayLike<number>): Split {
  const images = new Float32Array(indices.length * 64);
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    images.set(d.images.subarray(indices[i] * 64, indices[i] * 64 + 64), i * 64);
    labels[i] = d.labels[indices[i]];
  }
  return { images, labels, count: indices.length };
}

/** 20% test; of the rest, 10% validation and the remainder training. */
export function splitDigits(d: Digits, seed: number): { train: Split; validation: Split; test: Split } {
  const order = permutation(d.count, seed);
  const nTest = Math.round(d.count * 0.2);
  const nVal = Math.round((d.count - nTest) * 0.1);
  return {
    test: subset(d, order.subarray(0, nTest)),
    validation: subset(d, order.subarray(nTest, nTest + nVal)),
    train: subset(d, order.subarray(nTest + nVal)),
  };
}
