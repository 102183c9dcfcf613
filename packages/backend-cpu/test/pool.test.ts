import type { AvgPool2dAttrs, Layout, Pool2dAttrs } from '@libml/core';
import { describe, expect, it } from 'vitest';
import { dot, expectClose, randomInt, randomTensor, rng, run1, tensor } from './support/harness.js';

interface PoolCase {
  batch: number;
  channels: number;
  height: number;
  width: number;
  attrs: AvgPool2dAttrs;
}

/** Output size with core's rule: ceil mode drops a last window starting in the end padding. */
function windowCount(
  size: number,
  k: number,
  s: number,
  d: number,
  before: number,
  after: number,
  ceil: boolean,
) {
  const span = size + before + after - d * (k - 1) - 1;
  let n = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (n - 1) * s >= size + before) n--;
  return n;
}

function shapes(c: PoolCase) {
  const { kernelSize, strides, pads, dilations, ceilMode, dataFormat } = c.attrs;
  const oh = windowCount(c.height, kernelSize[0], strides[0], dilations[0], pads[0], pads[1], ceilMode);
  const ow = windowCount(c.width, kernelSize[1], strides[1], dilations[1], pads[2], pads[3], ceilMode);
  const layout = (h: number, w: number) =>
    dataFormat === 'NCHW' ? [c.batch, c.channels, h, w] : [c.batch, h, w, c.channels];
  return { x: layout(c.height, c.width), y: layout(oh, ow), oh, ow };
}

const index = (
  layout: Layout,
  c: number,
  h: number,
  w: number,
  ni: number,
  ci: number,
  hi: number,
  wi: number,
) => (layout === 'NCHW' ? ((ni * c + ci) * h + hi) * w + wi : ((ni * h + hi) * w + wi) * c + ci);

/** Visits each output window: its output index and the input indices inside it, in row-major window order. */
function forEachWindow(
  c: PoolCase,
  visit: (yIndex: number, inside: number[], oh: number, ow: number) => void,
) {
  const s = shapes(c);
  const { kernelSize, strides, pads, dilations, dataFormat } = c.attrs;
  for (let n = 0; n < c.batch; n++) {
    for (let ch = 0; ch < c.channels; ch++) {
      for (let oh = 0; oh < s.oh; oh++) {
        for (let ow = 0; ow < s.ow; ow++) {
          const inside: number[] = [];
          for (let kh = 0; kh < kernelSize[0]; kh++) {
            for (let kw = 0; kw < kernelSize[1]; kw++) {
              const ih = oh * strides[0] - pads[0] + kh * dilations[0];
              const iw = ow * strides[1] - pads[2] + kw * dilations[1];
              if (ih >= 0 && ih < c.height && iw >= 0 && iw < c.width) {
                inside.push(index(dataFormat, c.channels, c.height, c.width, n, ch, ih, iw));
              }
            }
          }
          visit(index(dataFormat, c.channels, s.oh, s.ow, n, ch, oh, ow), inside, oh, ow);
        }
      }
    }
  }
}

/** PyTorch's avg-pool divisor. */
function divisor(c: PoolCase, oh: number, ow: number, inside: number): number {
  if (!c.attrs.countIncludePad) return inside;
  const { kernelSize, strides, pads } = c.attrs;
  const hs = oh * strides[0] - pads[0];
  const ws = ow * strides[1] - pads[2];
  const he = Math.min(hs + kernelSize[0], c.height + pads[1]);
  const we = Math.min(ws + kernelSize[1], c.width + pads[3]);
  return (he - hs) * (we - ws);
}

function randomCase(random: () => number, dataFormat: Layout, avg: boolean): PoolCase {
  const kernelSize: [number, number] = [randomInt(random, 1, 4), randomInt(random, 1, 3)];
  const dilations: [number, number] = avg ? [1, 1] : [randomInt(random, 1, 2), randomInt(random, 1, 2)];
  const pads: [number, number, number, number] = [
    randomInt(random, 0, Math.floor(kernelSize[0] / 2)),
    randomInt(random, 0, Math.floor(kernelSize[0] / 2)),
    randomInt(random, 0, Math.floor(kernelSize[1] / 2)),
    randomInt(random, 0, Math.floor(kernelSize[1] / 2)),
  ];
  return {
    batch: randomInt(random, 1, 2),
    channels: randomInt(random, 1, 3),
    height: randomInt(random, 0, 8) + dilations[0] * (kernelSize[0] - 1) + 1,
    width: randomInt(random, 0, 9) + dilations[1] * (kernelSize[1] - 1) + 1,
    attrs: {
      kernelSize,
      strides: [randomInt(random, 1, 3), randomInt(random, 1, 3)],
      pads,
      dilations,
      ceilMode: random() < 0.5,
      dataFormat,
      countIncludePad: random() < 0.5,
    },
  };
}

describe('maxPool2d and maxPool2dGrad', () => {
  for (const dataFormat of ['NCHW', 'NHWC'] as const) {
    it(`${dataFormat}: window max and routing to the first maximum`, () => {
      const random = rng(50 + dataFormat.length);
      for (let trial = 0; trial < 60; trial++) {
        const c = randomCase(random, dataFormat, false);
        const s = shapes(c);
        // Few distinct values: ties are common, so "first maximum" matters.
        const x = tensor(
          Array.from({ length: s.x.reduce((a, b) => a * b, 1) }, () =>
            random() < 0.03 ? Number.NaN : randomInt(random, -3, 3),
          ),
          s.x,
        );
        const dy = randomTensor(random, s.y, 'float64');
        const expectedY = new Float64Array(s.y.reduce((a, b) => a * b, 1));
        const expectedDx = new Float64Array(x.values.length);
        forEachWindow(c, (yi, inside) => {
          const values = inside.map((i) => x.values[i]);
          const nan = values.findIndex(Number.isNaN);
          const best = nan >= 0 ? nan : values.indexOf(Math.max(...values));
          expectedY[yi] = inside.length === 0 ? Number.NEGATIVE_INFINITY : values[best];
          if (inside.length > 0) expectedDx[inside[best]] += dy.values[yi];
        });
        const attrs: Pool2dAttrs = c.attrs;
        expectClose(run1('maxPool2d', attrs, [x], { shape: s.y, dtype: 'float64' }), expectedY, 0, 0);
        expectClose(
          run1('maxPool2dGrad', attrs, [x, dy], { shape: s.x, dtype: 'float64' }),
          expectedDx,
          1e-14,
          1e-14,
        );
      }
    });
  }

  it('padding never wins over negative values', () => {
    const x = tensor([-5, -6, -7, -8], [1, 1, 2, 2]);
    const attrs: Pool2dAttrs = {
      kernelSize: [2, 2],
      strides: [1, 1],
      pads: [1, 1, 1, 1],
      dilations: [1, 1],
      ceilMode: false,
      dataFormat: 'NCHW',
    };
    expect(Array.from(run1('maxPool2d', attrs, [x], { shape: [1, 1, 3, 3], dtype: 'float32' }))).toEqual([
      -5, -5, -6, -5, -5, -6, -7, -7, -8,
    ]);
  });
});

describe('avgPool2d and avgPool2dGrad', () => {
  for (const dataFormat of ['NCHW', 'NHWC'] as const) {
    it(`${dataFormat}: window mean with PyTorch's divisor; the gradient is the exact adjoint`, () => {
      const random = rng(60 + dataFormat.length);
      for (let trial = 0; trial < 60; trial++) {
        const c = randomCase(random, dataFormat, true);
        const s = shapes(c);
        const x = randomTensor(random, s.x, 'float64');
        const expected = new Float64Array(s.y.reduce((a, b) => a * b, 1));
        forEachWindow(c, (yi, inside, oh, ow) => {
          expected[yi] = inside.reduce((sum, i) => sum + x.values[i], 0) / divisor(c, oh, ow, inside.length);
        });
        const y = run1('avgPool2d', c.attrs, [x], { shape: s.y, dtype: 'float64' });
        expectClose(y, expected, 1e-14, 1e-14);
        const dy = randomTensor(random, s.y, 'float64');
        const dx = run1('avgPool2dGrad', c.attrs, [dy], { shape: s.x, dtype: 'float64' });
        expect(dot(x.values, dx)).toBeCloseTo(dot(y, dy.values), 12);
      }
    });
  }

  it('countIncludePad counts explicit padding but not the ceil-mode overflow', () => {
    // H = W = 3, kernel 2, stride 2, pad 1 on every side, ceil mode: windows start at -1, 1 (and 3 is dropped).
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3]);
    const attrs: AvgPool2dAttrs = {
      kernelSize: [2, 2],
      strides: [2, 2],
      pads: [1, 1, 1, 1],
      dilations: [1, 1],
      ceilMode: true,
      dataFormat: 'NCHW',
      countIncludePad: true,
    };
    expectClose(run1('avgPool2d', attrs, [x], { shape: [1, 1, 2, 2], dtype: 'float64' }), [
      1 / 4,
      (2 + 3) / 4,
      (4 + 7) / 4,
      (5 + 6 + 8 + 9) / 4,
    ]);
    const noPad = { ...attrs, countIncludePad: false };
    expectClose(run1('avgPool2d', noPad, [x], { shape: [1, 1, 2, 2], dtype: 'float64' }), [1, 2.5, 5.5, 7]);
    // Kernel 3, stride 2, no padding, ceil mode on a 4-wide input: the last window overflows by one.
    const y = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [1, 1, 4, 4]);
    const overflow = { ...attrs, kernelSize: [3, 3] as const, pads: [0, 0, 0, 0] as const };
    expectClose(run1('avgPool2d', overflow, [y], { shape: [1, 1, 2, 2], dtype: 'float64' }), [
      (1 + 2 + 3 + 5 + 6 + 7 + 9 + 10 + 11) / 9,
      (3 + 4 + 7 + 8 + 11 + 12) / 6,
      (9 + 10 + 11 + 13 + 14 + 15) / 6,
      (11 + 12 + 15 + 16) / 4,
    ]);
  });

  it('rejects dilations', () => {
    const x = tensor([1, 2, 3, 4], [1, 1, 2, 2]);
    const attrs: AvgPool2dAttrs = {
      kernelSize: [1, 1],
      strides: [1, 1],
      pads: [0, 0, 0, 0],
      dilations: [2, 1],
      ceilMode: false,
      dataFormat: 'NCHW',
      countIncludePad: false,
    };
    expect(() => run1('avgPool2d', attrs, [x], { shape: [1, 1, 2, 2], dtype: 'float64' })).toThrow(
      /dilations/,
    );
  });
});
