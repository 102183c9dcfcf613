// maxPool2d: NCHW and NHWC, the default stride (= kernel), overlapping windows, strides per axis,
// non-square kernels, dilations, 'same', one-number and asymmetric explicit padding (never selected),
// ceilMode (with and without padding), odd spatial sizes, an empty batch; windows with tied maxima (the
// gradient goes to the first maximal element in row-major window order) and NaN/Inf (NaN propagates).
// Tolerance: the forward is exact, but overlapping windows add gradients, so 'elementwise'.

import { type Layout, maxPool2d, type Padding } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'maxPool2d',
  tolerance: 'elementwise',
  differentiable: [0],
  run: ([x], attrs) =>
    maxPool2d(x, {
      kernelSize: attrs.kernelSize as number | [number, number],
      strides: attrs.strides as number | [number, number] | undefined,
      padding: attrs.padding as Padding | undefined,
      dilations: attrs.dilations as number | [number, number] | undefined,
      ceilMode: attrs.ceilMode as boolean | undefined,
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
      name: 'nchw_k3x2_s2x1',
      inputs: [{ shape: [2, 3, 7, 6] }],
      attrs: { kernelSize: [3, 2], strides: [2, 1] },
    },
    {
      name: 'nchw_dilation2',
      inputs: [{ shape: [2, 3, 7, 6] }],
      attrs: { kernelSize: 2, strides: 1, dilations: 2 },
    },
    {
      name: 'nhwc_dilations_2_1_pad',
      inputs: [{ shape: [2, 7, 6, 3] }],
      attrs: { kernelSize: 3, strides: 2, dilations: [2, 1], padding: 1, dataFormat: 'NHWC' },
    },
    {
      name: 'nchw_pad1_k3_s2',
      inputs: [{ shape: [2, 3, 7, 6] }],
      attrs: { kernelSize: 3, strides: 2, padding: 1 },
    },
    {
      name: 'nchw_same_k3_s2',
      inputs: [{ shape: [2, 3, 7, 6] }],
      attrs: { kernelSize: 3, strides: 2, padding: 'same' },
    },
    {
      name: 'nhwc_same_k2_s1',
      inputs: [{ shape: [1, 5, 7, 2] }],
      attrs: { kernelSize: 2, strides: 1, padding: 'same', dataFormat: 'NHWC' },
    },
    {
      name: 'nchw_pad_asymmetric',
      inputs: [{ shape: [2, 3, 7, 6] }],
      attrs: {
        kernelSize: 3,
        strides: 2,
        padding: [
          [1, 0],
          [0, 1],
        ],
      },
    },
    {
      name: 'nchw_ceil_mode',
      inputs: [{ shape: [2, 3, 7, 6] }],
      attrs: { kernelSize: 3, strides: 2, ceilMode: true },
    },
    {
      name: 'nhwc_ceil_mode_pad',
      inputs: [{ shape: [2, 6, 7, 3] }],
      attrs: { kernelSize: 3, strides: 2, padding: 1, ceilMode: true, dataFormat: 'NHWC' },
    },
    {
      name: 'nchw_ceil_mode_k2_odd',
      inputs: [{ shape: [1, 2, 5, 7] }],
      attrs: { kernelSize: 2, ceilMode: true },
    },
    { name: 'empty_batch', inputs: [{ shape: [0, 3, 5, 5] }], attrs: { kernelSize: 2 } },
    {
      name: 'ties',
      inputs: [{ shape: [2, 2, 5, 5], kind: 'int', low: -1, high: 2 }],
      attrs: { kernelSize: 2, strides: 1, kink: true },
      skipFiniteDifferences: 'tied maxima in a window: not differentiable',
    },
    {
      name: 'ties_explicit',
      inputs: [{ shape: [1, 1, 4, 4], values: [1, 1, 0, 2, 1, 1, 2, 0, 3, -1, -1, -1, -1, 3, -1, -1] }],
      attrs: { kernelSize: 2, kink: true },
      skipFiniteDifferences: 'tied maxima in a window: not differentiable',
    },
    {
      name: 'nan_inf',
      inputs: [
        {
          shape: [1, 1, 4, 4],
          values: [
            Number.NaN,
            1,
            Infinity,
            0,
            2,
            3,
            1,
            5,
            -Infinity,
            -Infinity,
            1,
            Number.NaN,
            -Infinity,
            -Infinity,
            Infinity,
            2,
          ],
        },
      ],
      attrs: { kernelSize: 2 },
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
