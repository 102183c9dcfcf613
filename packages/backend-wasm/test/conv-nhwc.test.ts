// conv2d on NHWC data with an HWIO filter (the bench's layout: Winograd F(2x2, 3x3) for 3x3 stride-1
// filters, else an implicit gemm whose A panels are packed straight from x) against a float64 reference over strides, dilations, uneven and
// oversized padding, groups, odd sizes (edge tiles) and single images, on one thread and on two (threaded
// results bit-identical to one thread).

import { conv2d, registerBackend, setBackend, tensor, tidy } from '@libml/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WasmBackend } from '../src/index.js';

function seeded(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

interface Case {
  n: number;
  h: number;
  w: number;
  c: number;
  o: number;
  k: [number, number];
  strides: [number, number];
  dilations: [number, number];
  pads: [number, number, number, number];
  groups: number;
}

/** Float64 NHWC / HWIO convolution with explicit pads [top, bottom, left, right]. */
function reference(x: Float32Array, f: Float32Array, c: Case): { values: Float64Array; shape: number[] } {
  const [kh, kw] = c.k;
  const [sh, sw] = c.strides;
  const [dh, dw] = c.dilations;
  const [pt, pb, pl, pr] = c.pads;
  const oh = Math.floor((c.h + pt + pb - dh * (kh - 1) - 1) / sh) + 1;
  const ow = Math.floor((c.w + pl + pr - dw * (kw - 1) - 1) / sw) + 1;
  const gi = c.c / c.groups;
  const go = c.o / c.groups;
  const y = new Float64Array(c.n * oh * ow * c.o);
  for (let b = 0; b < c.n; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let o = 0; o < c.o; o++) {
          const g = Math.floor(o / go);
          let s = 0;
          for (let u = 0; u < kh; u++)
            for (let v = 0; v < kw; v++) {
              const ih = i * sh - pt + u * dh;
              const iw = j * sw - pl + v * dw;
              if (ih < 0 || ih >= c.h || iw < 0 || iw >= c.w) continue;
              for (let q = 0; q < gi; q++) {
                s += x[((b * c.h + ih) * c.w + iw) * c.c + g * gi + q] * f[((u * kw + v) * gi + q) * c.o + o];
              }
            }
          y[((b * oh + i) * ow + j) * c.o + o] = s;
        }
  return { values: y, shape: [c.n, oh, ow, c.o] };
}

const CASES: Case[] = [
  {
    n: 3,
    h: 9,
    w: 7,
    c: 8,
    o: 12,
    k: [3, 3],
    strides: [1, 1],
    dilations: [1, 1],
    pads: [1, 1, 1, 1],
    groups: 1,
  },
  {
    n: 1,
    h: 17,
    w: 19,
    c: 4,
    o: 5,
    k: [3, 2],
    strides: [2, 1],
    dilations: [1, 2],
    pads: [0, 2, 1, 0],
    groups: 1,
  },
  {
    n: 2,
    h: 6,
    w: 5,
    c: 8,
    o: 6,
    k: [2, 2],
    strides: [1, 2],
    dilations: [2, 1],
    pads: [3, 3, 4, 2],
    groups: 2,
  },
  {
    n: 1,
    h: 40,
    w: 33,
    c: 12,
    o: 16,
    k: [3, 3],
    strides: [1, 1],
    dilations: [1, 1],
    pads: [1, 1, 1, 1],
    groups: 1,
  },
  {
    n: 2,
    h: 5,
    w: 4,
    c: 16,
    o: 4,
    k: [5, 5],
    strides: [1, 1],
    dilations: [1, 1],
    pads: [2, 2, 2, 2],
    groups: 4,
  },
  {
    n: 1,
    h: 3,
    w: 3,
    c: 4,
    o: 8,
    k: [3, 3],
    strides: [3, 3],
    dilations: [1, 1],
    pads: [0, 0, 0, 0],
    groups: 1,
  },
  // Winograd F(2x2, 3x3) (3x3, stride 1, one group, >= 8 channels): channels not a multiple of 4,
  // output channels not a multiple of 8, no padding, uneven padding, odd output sizes.
  {
    n: 2,
    h: 8,
    w: 11,
    c: 10,
    o: 9,
    k: [3, 3],
    strides: [1, 1],
    dilations: [1, 1],
    pads: [0, 0, 0, 0],
    groups: 1,
  },
  {
    n: 3,
    h: 7,
    w: 6,
    c: 9,
    o: 20,
    k: [3, 3],
    strides: [1, 1],
    dilations: [1, 1],
    pads: [2, 1, 0, 2],
    groups: 1,
  },
];

let single: WasmBackend;
let threaded: WasmBackend;

beforeAll(async () => {
  single = new WasmBackend({ threads: 1, simd: 'baseline' }, 'wasm-conv-1');
  threaded = new WasmBackend({ threads: 2, simd: 'baseline', minParallelWork: 0 }, 'wasm-conv-2');
  registerBackend('wasm-conv-1', () => single, 0);
  registerBackend('wasm-conv-2', () => threaded, 0);
  await single.ready();
  await threaded.ready();
});

afterAll(() => threaded.terminateThreads());

describe('conv2d NHWC/HWIO against a float64 reference', () => {
  CASES.forEach((c, index) => {
    test(`case ${index}: [${c.n},${c.h},${c.w},${c.c}] * ${c.k.join('x')}x${c.c / c.groups}->${c.o}, strides ${c.strides}, dilations ${c.dilations}, pads ${c.pads}, groups ${c.groups}`, async () => {
      const xv = seeded(c.n * c.h * c.w * c.c, 11 + index);
      const fv = seeded(c.k[0] * c.k[1] * (c.c / c.groups) * c.o, 23 + index);
      const ref = reference(xv, fv, c);
      const results: Float32Array[] = [];
      for (const name of ['wasm-conv-1', 'wasm-conv-2']) {
        await setBackend(name);
        results.push(
          tidy(() => {
            const y = conv2d(
              tensor(xv, [c.n, c.h, c.w, c.c]),
              tensor(fv, [c.k[0], c.k[1], c.c / c.groups, c.o]),
              {
                strides: c.strides,
                dilations: c.dilations,
                padding: [
                  [c.pads[0], c.pads[1]],
                  [c.pads[2], c.pads[3]],
                ],
                groups: c.groups,
                dataFormat: 'NHWC',
                filterFormat: 'HWIO',
              },
            );
            expect(y.shape).toEqual(ref.shape);
            return y.dataSync() as Float32Array;
          }),
        );
      }
      let worst = 0;
      for (let i = 0; i < ref.values.length; i++)
        worst = Math.max(worst, Math.abs(results[0][i] - ref.values[i]));
      expect(worst).toBeLessThan(1e-5);
      expect(results[1]).toEqual(results[0]);
    });
  });
});
