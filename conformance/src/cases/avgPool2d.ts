// avgPool2d: NCHW and NHWC, the default stride (= kernel), overlapping windows, strides per axis,
// non-square kernels, 'same', one-number and asymmetric explicit padding with countIncludePad false and
// true, ceilMode (its overflow never counts in the divisor) with and without padding, odd spatial
// sizes, an empty batch, NaN/Inf.

import { avgPool2d, type Layout, type Padding } from '@libml/core';
import { type CaseSpec, defineSuite } from '../types.js';

/** Window area: the terms summed per output. */
function windowArea(c: CaseSpec): number {
  const k = c.attrs?.kernelSize as number | [number, number];
  return typeof k === 'number' ? k * k : k[0] * k[1];
}

export default defineSuite({
  op: 'avgPool2d',
  tolerance: 'reduction',
  differentiable: [0],
  reductionLength: windowArea,
  run: ([x], attrs) =>
    avgPool2d(x, {
      kernelSize: attrs.kernelSize as number | [number, number],
      strides: attrs.strides as number | [number, number] | undefined,
      padding: attrs.padding as Padding | undefined,
      ceilMode: attrs.ceilMode as boolean | undefined,
      countIncludePad: attrs.countIncludePad as boolean | undefined,
      dataFormat: attrs.dataFormat as Layout | undefined,
    }),
  cases: [
    { name: 'nchw_k2', inputs: [{ shape: [2, 3, 7, 6] }], attrs: { kernelSize: 2 } },
    { name: 'nhwc_k2', inputs: [{ shape: [2, 7, 6, 3] }], attrs: { kernelSize: 2, dataFormat: 'NHWC' } },
    { name: 'nchw_k3_s1_overlap', inputs: [{ shape: [2, 3, 7, 6] }], attrs: { kernelSize: 3, strides: 1 } },
    {
      name: 'nhwc_k3_s2',
      inputs: [{ shape: [2, 7, 6, 3] }],
      attrs: { kernelSize: 3, strides: 2, dataFormat: 'NHWC' },
    },
    {
      name: 'nchw_k3x2_s1x2',
      inputs: [{ shape: [2, 3, 7, 6] }],
      attrs: { kernelSize: [3, 2], strides: [1, 2] },
    },
    {
      name: 'nchw_pad1_exclude',
      inputs: [{ shape: [2, 3, 7, 6] }],
      attrs: { kernelSize: 3, strides: 2, padding: 1 },
    },
    {
      name: 'nchw_pad1_include',
      inputs: [{ shape: [2, 3, 7, 6] }],
      attrs: { kernelSize: 3, strides: 2, padding: 1, countIncludePad: true },
    },
    {
      name: 'nhwc_pad_pair_include',
      inputs: [{ shape: [2, 5, 7, 3] }],
      attrs: { kernelSize: [3, 5], strides: 1, padding: [1, 2], countIncludePad: true, dataFormat: 'NHWC' },
    },
    {
      name: 'nchw_pad_asymmetric_include',
      inputs: [{ shape: [2, 3, 7, 6] }],
      attrs: {
        kernelSize: 2,
        strides: 2,
        padding: [
          [1, 0],
          [0, 1],
        ],
        countIncludePad: true,
      },
    },
    {
      name: 'nchw_pad_asymmetric_exclude',
      inputs: [{ shape: [2, 3, 7, 6] }],
      attrs: {
        kernelSize: 2,
        strides: 2,
        padding: [
          [1, 0],
          [0, 1],
        ],
        countIncludePad: false,
      },
    },
    {
      name: 'nchw_same_k3_s2',
      inputs: [{ shape: [2, 3, 7, 6] }],
      attrs: { kernelSize: 3, strides: 2, padding: 'same' },
    },
    {
      name: 'nhwc_same_k2_s1_include',
      inputs: [{ shape: [1, 5, 7, 2] }],
      attrs: { kernelSize: 2, strides: 1, padding: 'same', countIncludePad: true, dataFormat: 'NHWC' },
    },
    {
      name: 'nchw_ceil_mode',
      inputs: [{ shape: [2, 3, 7, 6] }],
      attrs: { kernelSize: 3, strides: 2, ceilMode: true },
    },
    {
      name: 'nchw_ceil_mode_pad_include',
      inputs: [{ shape: [2, 3, 6, 7] }],
      attrs: { kernelSize: 3, strides: 2, padding: 1, ceilMode: true, countIncludePad: true },
    },
    {
      name: 'nhwc_ceil_mode_pad_exclude',
      inputs: [{ shape: [2, 6, 7, 3] }],
      attrs: { kernelSize: 3, strides: 2, padding: 1, ceilMode: true, dataFormat: 'NHWC' },
    },
    { name: 'empty_batch', inputs: [{ shape: [0, 3, 5, 5] }], attrs: { kernelSize: 2, padding: 1 } },
    { name: 'global', inputs: [{ shape: [2, 3, 5, 7] }], attrs: { kernelSize: [5, 7] } },
    {
      name: 'nan_inf',
      inputs: [
        {
          shape: [1, 1, 4, 4],
          values: [Number.NaN, 1, Infinity, 0, 2, 3, 1, 5, -Infinity, 4, 1, 2, Infinity, -Infinity, 2, 2],
        },
      ],
      attrs: { kernelSize: 2 },
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
