import type { Conv2dAttrs, FilterLayout, Layout } from '@libml/core';
import { describe, expect, it } from 'vitest';
import { dot, expectClose, type HostTensor, randomInt, randomTensor, rng, run1 } from './support/harness.js';

interface ConvCase {
  batch: number;
  inChannels: number;
  height: number;
  width: number;
  outChannels: number;
  kernel: [number, number];
  attrs: Conv2dAttrs;
}

/** x/y index in either layout, filter index in either filter layout. */
const dataIndex = (layout: Layout, [, c, h, w]: number[], n: number, ci: number, hi: number, wi: number) =>
  layout === 'NCHW' ? ((n * c + ci) * h + hi) * w + wi : ((n * h + hi) * w + wi) * c + ci;
const filterIndex = (
  layout: FilterLayout,
  [o, i, kh, kw]: number[],
  oi: number,
  ii: number,
  hi: number,
  wi: number,
) => (layout === 'OIHW' ? ((oi * i + ii) * kh + hi) * kw + wi : ((hi * kw + wi) * i + ii) * o + oi);

function shapes(c: ConvCase) {
  const { strides, pads, dilations, groups, dataFormat, filterFormat } = c.attrs;
  const outH =
    Math.floor((c.height + pads[0] + pads[1] - dilations[0] * (c.kernel[0] - 1) - 1) / strides[0]) + 1;
  const outW =
    Math.floor((c.width + pads[2] + pads[3] - dilations[1] * (c.kernel[1] - 1) - 1) / strides[1]) + 1;
  const nchw = (n: number, ch: number, h: number, w: number) =>
    dataFormat === 'NCHW' ? [n, ch, h, w] : [n, h, w, ch];
  const cig = c.inChannels / groups;
  return {
    x: nchw(c.batch, c.inChannels, c.height, c.width),
    y: nchw(c.batch, c.outChannels, outH, outW),
    filter:
      filterFormat === 'OIHW'
        ? [c.outChannels, cig, c.kernel[0], c.kernel[1]]
        : [c.kernel[0], c.kernel[1], cig, c.outChannels],
    logicalX: [c.batch, c.inChannels, c.height, c.width],
    logicalY: [c.batch, c.outChannels, outH, outW],
    logicalFilter: [c.outChannels, cig, c.kernel[0], c.kernel[1]],
  };
}

function convReference(c: ConvCase, x: HostTensor, filter: HostTensor): Float64Array {
  const s = shapes(c);
  const { strides, pads, dilations, groups, dataFormat, filterFormat } = c.attrs;
  const [, cout, outH, outW] = s.logicalY;
  const cig = c.inChannels / groups;
  const cog = cout / groups;
  const y = new Float64Array(s.y.reduce((a, b) => a * b, 1));
  for (let n = 0; n < c.batch; n++) {
    for (let o = 0; o < cout; o++) {
      const g = Math.floor(o / cog);
      for (let oh = 0; oh < outH; oh++) {
        for (let ow = 0; ow < outW; ow++) {
          let sum = 0;
          for (let i = 0; i < cig; i++) {
            for (let kh = 0; kh < c.kernel[0]; kh++) {
              for (let kw = 0; kw < c.kernel[1]; kw++) {
                const ih = oh * strides[0] - pads[0] + kh * dilations[0];
                const iw = ow * strides[1] - pads[2] + kw * dilations[1];
                if (ih < 0 || ih >= c.height || iw < 0 || iw >= c.width) continue;
                sum +=
                  x.values[dataIndex(dataFormat, s.logicalX, n, g * cig + i, ih, iw)] *
                  filter.values[filterIndex(filterFormat, s.logicalFilter, o, i, kh, kw)];
              }
            }
          }
          y[dataIndex(dataFormat, s.logicalY, n, o, oh, ow)] = sum;
        }
      }
    }
  }
  return y;
}

function randomCase(random: () => number, dataFormat: Layout, filterFormat: FilterLayout): ConvCase {
  const groups = [1, 1, 2, 3][randomInt(random, 0, 3)];
  const kernel: [number, number] = [randomInt(random, 1, 4), randomInt(random, 1, 3)];
  const dilations: [number, number] = [randomInt(random, 1, 2), randomInt(random, 1, 3)];
  const strides: [number, number] = [randomInt(random, 1, 3), randomInt(random, 1, 2)];
  const pads: [number, number, number, number] = [
    randomInt(random, 0, 2),
    randomInt(random, 0, 2),
    randomInt(random, 0, 3),
    randomInt(random, 0, 1),
  ];
  const height = randomInt(random, 1, 9) + dilations[0] * (kernel[0] - 1);
  const width = randomInt(random, 1, 11) + dilations[1] * (kernel[1] - 1);
  return {
    batch: randomInt(random, 1, 3),
    inChannels: groups * randomInt(random, 1, 4),
    height,
    width,
    outChannels: groups * randomInt(random, 1, 5),
    kernel,
    attrs: { strides, pads, dilations, groups, dataFormat, filterFormat },
  };
}

type LayoutFreeCase = Omit<ConvCase, 'attrs'> & { attrs: Omit<Conv2dAttrs, 'dataFormat' | 'filterFormat'> };

const pointwise = (groups: number): LayoutFreeCase => ({
  batch: 2,
  inChannels: 6,
  height: 5,
  width: 7,
  outChannels: 9,
  kernel: [1, 1],
  attrs: { strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], groups },
});

function specialCases(dataFormat: Layout, filterFormat: FilterLayout): ConvCase[] {
  const withLayout = (c: LayoutFreeCase): ConvCase => ({
    ...c,
    attrs: { ...c.attrs, dataFormat, filterFormat },
  });
  return [
    // 1x1 convs read x in place (no im2col).
    withLayout(pointwise(1)),
    withLayout(pointwise(3)),
    // Depthwise, a kernel smaller than the padding, and a stride larger than the kernel.
    withLayout({
      batch: 1,
      inChannels: 4,
      height: 6,
      width: 6,
      outChannels: 8,
      kernel: [3, 3],
      attrs: { strides: [1, 1], pads: [1, 1, 1, 1], dilations: [1, 1], groups: 4 },
    }),
    withLayout({
      batch: 2,
      inChannels: 3,
      height: 5,
      width: 4,
      outChannels: 2,
      kernel: [1, 2],
      attrs: { strides: [1, 1], pads: [3, 2, 0, 3], dilations: [1, 1], groups: 1 },
    }),
    withLayout({
      batch: 1,
      inChannels: 2,
      height: 11,
      width: 13,
      outChannels: 3,
      kernel: [2, 2],
      attrs: { strides: [4, 3], pads: [0, 0, 0, 0], dilations: [1, 1], groups: 1 },
    }),
    // Large enough for the blocked gemm path (taps and positions beyond one block).
    withLayout({
      batch: 1,
      inChannels: 40,
      height: 18,
      width: 20,
      outChannels: 12,
      kernel: [3, 3],
      attrs: { strides: [1, 1], pads: [1, 1, 1, 1], dilations: [1, 1], groups: 1 },
    }),
  ];
}

describe('conv2d and its adjoints', () => {
  for (const dataFormat of ['NCHW', 'NHWC'] as const) {
    for (const filterFormat of ['OIHW', 'HWIO'] as const) {
      it(`${dataFormat}/${filterFormat}: conv2d matches the naive loops; backprops are exact adjoints`, () => {
        const random = rng(dataFormat.length + filterFormat.charCodeAt(0));
        const cases = [...specialCases(dataFormat, filterFormat)];
        for (let i = 0; i < 30; i++) cases.push(randomCase(random, dataFormat, filterFormat));
        for (const c of cases) {
          const s = shapes(c);
          const x = randomTensor(random, s.x, 'float64');
          const filter = randomTensor(random, s.filter, 'float64');
          const y = run1('conv2d', c.attrs, [x, filter], { shape: s.y, dtype: 'float64' });
          expectClose(y, convReference(c, x, filter), 1e-12, 1e-12);

          const g = randomTensor(random, s.y, 'float64');
          const dx = run1('conv2dBackpropInput', c.attrs, [g, filter], { shape: s.x, dtype: 'float64' });
          const dw = run1('conv2dBackpropFilter', c.attrs, [x, g], { shape: s.filter, dtype: 'float64' });
          const forward = dot(y, g.values);
          const scale = Math.max(1, Math.abs(forward));
          expect(Math.abs(dot(x.values, dx) - forward) / scale).toBeLessThan(1e-12);
          expect(Math.abs(dot(filter.values, dw) - forward) / scale).toBeLessThan(1e-12);
          // Linearity pins the adjoint down fully: check it against a second cotangent too.
          const g2 = randomTensor(random, s.y, 'float64');
          const dx2 = run1('conv2dBackpropInput', c.attrs, [g2, filter], { shape: s.x, dtype: 'float64' });
          expect(Math.abs(dot(x.values, dx2) - dot(y, g2.values)) / scale).toBeLessThan(1e-12);
        }
      });
    }
  }

  it('float32 results are the float64 results rounded (sums kept in float64)', () => {
    const random = rng(44);
    for (const dataFormat of ['NCHW', 'NHWC'] as const) {
      const c = randomCase(random, dataFormat, 'HWIO');
      const s = shapes(c);
      const x64 = randomTensor(random, s.x, 'float64');
      const f64 = randomTensor(random, s.filter, 'float64');
      const x32 = { ...x64, values: Float32Array.from(x64.values), dtype: 'float32' as const };
      const f32 = { ...f64, values: Float32Array.from(f64.values), dtype: 'float32' as const };
      const expected = convReference(c, x32, f32);
      const y = run1('conv2d', c.attrs, [x32, f32], { shape: s.y, dtype: 'float32' });
      expect(y).toBeInstanceOf(Float32Array);
      expectClose(y, Array.from(expected, Math.fround), 1.2e-7, 1e-7);
      const g = randomTensor(random, s.y, 'float32');
      const dx = run1('conv2dBackpropInput', c.attrs, [g, f32], { shape: s.x, dtype: 'float32' });
      const dw = run1('conv2dBackpropFilter', c.attrs, [x32, g], { shape: s.filter, dtype: 'float32' });
      const forward = dot(y, g.values);
      expect(Math.abs(dot(x32.values, dx) - forward)).toBeLessThan(1e-4 * Math.max(1, Math.abs(forward)));
      expect(Math.abs(dot(f32.values, dw) - forward)).toBeLessThan(1e-4 * Math.max(1, Math.abs(forward)));
    }
  });
});
