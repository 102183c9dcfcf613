// conv2d: NCHW/OIHW and NHWC/HWIO (and the mixed pairings), strides (equal and per axis), dilations,
// 'valid', 'same' (extra padding at the end when odd), one number, [ph, pw] and explicit asymmetric
// [[t, b], [l, r]] pads, groups (including depthwise with a channel multiplier), bias, 1x1 and
// non-square kernels, odd spatial sizes, an empty batch. Inputs stay around [2, 3, 7, 6].

import { conv2d, type FilterLayout, type Layout, type Padding } from '@libml/core';
import { type Attrs, type CaseSpec, defineSuite } from '../types.js';

/** Terms summed per output: C_in/groups * KH * KW (+1 with a bias). */
function reductionLength(c: CaseSpec): number {
  const w = c.inputs[1].shape;
  const data = (c.attrs?.dataFormat as string | undefined) ?? 'NCHW';
  const filter = (c.attrs?.filterFormat as string | undefined) ?? (data === 'NCHW' ? 'OIHW' : 'HWIO');
  const [cg, kh, kw] = filter === 'OIHW' ? [w[1], w[2], w[3]] : [w[2], w[0], w[1]];
  return cg * kh * kw + (c.inputs.length > 2 ? 1 : 0);
}

function convOptions(attrs: Attrs) {
  return {
    strides: attrs.strides as number | [number, number] | undefined,
    padding: attrs.padding as Padding | undefined,
    dilations: attrs.dilations as number | [number, number] | undefined,
    groups: attrs.groups as number | undefined,
    dataFormat: attrs.dataFormat as Layout | undefined,
    filterFormat: attrs.filterFormat as FilterLayout | undefined,
  };
}

export default defineSuite({
  op: 'conv2d',
  tolerance: 'reduction',
  differentiable: (c) => c.inputs.map((_, i) => i),
  reductionLength,
  run: ([x, w, bias], attrs) => conv2d(x, w, { ...convOptions(attrs), bias }),
  cases: [
    { name: 'nchw_valid', inputs: [{ shape: [2, 3, 7, 6] }, { shape: [4, 3, 3, 3] }] },
    {
      name: 'nhwc_valid',
      inputs: [{ shape: [2, 7, 6, 3] }, { shape: [3, 3, 3, 4] }],
      attrs: { dataFormat: 'NHWC' },
    },
    {
      name: 'nchw_stride2',
      inputs: [{ shape: [2, 3, 7, 6] }, { shape: [4, 3, 3, 3] }],
      attrs: { strides: 2 },
    },
    {
      name: 'nhwc_strides_2_1',
      inputs: [{ shape: [2, 7, 6, 3] }, { shape: [3, 2, 3, 5] }],
      attrs: { dataFormat: 'NHWC', strides: [2, 1] },
    },
    {
      name: 'nchw_dilation2',
      inputs: [{ shape: [2, 3, 7, 6] }, { shape: [4, 3, 3, 2] }],
      attrs: { dilations: 2 },
    },
    {
      name: 'nhwc_dilations_1_2_same',
      inputs: [{ shape: [1, 7, 6, 3] }, { shape: [3, 3, 3, 2] }],
      attrs: { dataFormat: 'NHWC', dilations: [1, 2], padding: 'same' },
    },
    {
      name: 'nchw_same',
      inputs: [{ shape: [2, 3, 7, 6] }, { shape: [4, 3, 3, 3] }],
      attrs: { padding: 'same' },
    },
    {
      name: 'nchw_same_stride2_even_kernel',
      inputs: [{ shape: [2, 3, 7, 6] }, { shape: [4, 3, 2, 4] }],
      attrs: { padding: 'same', strides: 2 },
    },
    {
      name: 'nchw_pad_number',
      inputs: [{ shape: [2, 3, 5, 5] }, { shape: [2, 3, 3, 3] }],
      attrs: { padding: 1 },
    },
    {
      name: 'nchw_pad_pair',
      inputs: [{ shape: [2, 3, 5, 4] }, { shape: [2, 3, 3, 3] }],
      attrs: { padding: [2, 1] },
    },
    {
      name: 'nchw_pad_asymmetric',
      inputs: [{ shape: [2, 3, 7, 6] }, { shape: [4, 3, 3, 3] }],
      attrs: {
        padding: [
          [1, 0],
          [2, 1],
        ],
        strides: [1, 2],
      },
    },
    {
      name: 'nhwc_pad_asymmetric_stride2',
      inputs: [{ shape: [2, 7, 6, 3] }, { shape: [3, 3, 3, 4] }],
      attrs: {
        dataFormat: 'NHWC',
        padding: [
          [0, 2],
          [1, 0],
        ],
        strides: 2,
      },
    },
    {
      name: 'nchw_groups3',
      inputs: [{ shape: [2, 6, 5, 5] }, { shape: [6, 2, 3, 3] }],
      attrs: { groups: 3 },
    },
    {
      name: 'nhwc_groups2',
      inputs: [{ shape: [2, 5, 5, 4] }, { shape: [3, 3, 2, 6] }],
      attrs: { dataFormat: 'NHWC', groups: 2, padding: 1 },
    },
    {
      name: 'nchw_depthwise_multiplier2',
      inputs: [{ shape: [2, 3, 7, 6] }, { shape: [6, 1, 3, 3] }],
      attrs: { groups: 3, padding: 'same' },
    },
    {
      name: 'nhwc_depthwise_stride2_dilation2',
      inputs: [{ shape: [2, 7, 7, 3] }, { shape: [3, 3, 1, 3] }],
      attrs: { dataFormat: 'NHWC', groups: 3, strides: 2, dilations: 2, padding: 'same' },
    },
    {
      name: 'nchw_bias',
      inputs: [{ shape: [2, 3, 7, 6] }, { shape: [4, 3, 3, 3] }, { shape: [4] }],
      attrs: { padding: 1 },
    },
    {
      name: 'nhwc_bias_groups',
      inputs: [{ shape: [2, 6, 5, 4] }, { shape: [3, 3, 2, 4] }, { shape: [4] }],
      attrs: { dataFormat: 'NHWC', groups: 2, strides: [1, 2] },
    },
    {
      name: 'nchw_data_hwio_filter',
      inputs: [{ shape: [2, 3, 7, 6] }, { shape: [3, 2, 3, 4] }],
      attrs: { filterFormat: 'HWIO', padding: 'same' },
    },
    {
      name: 'nhwc_data_oihw_filter',
      inputs: [{ shape: [2, 7, 6, 3] }, { shape: [4, 3, 2, 3] }],
      attrs: { dataFormat: 'NHWC', filterFormat: 'OIHW' },
    },
    { name: 'kernel_1x1', inputs: [{ shape: [2, 5, 3, 7] }, { shape: [4, 5, 1, 1] }] },
    {
      name: 'kernel_5x5_same',
      inputs: [{ shape: [1, 2, 7, 6] }, { shape: [3, 2, 5, 5] }],
      attrs: { padding: 'same' },
    },
    {
      name: 'empty_batch',
      inputs: [{ shape: [0, 3, 5, 5] }, { shape: [2, 3, 3, 3] }],
      attrs: { padding: 1 },
    },
    { name: 'kernel_covers_input', inputs: [{ shape: [2, 3, 3, 3] }, { shape: [2, 3, 3, 3] }] },
    // Found by the reliability fuzzer (wasm read out of bounds): pads that reach past what some taps can see.
    {
      name: 'pad_past_the_input',
      inputs: [{ shape: [1, 2, 1, 2] }, { shape: [3, 2, 1, 3] }],
      attrs: {
        padding: [
          [0, 0],
          [2, 0],
        ],
      },
    },
    {
      name: 'dilated_same_on_a_small_input',
      inputs: [{ shape: [2, 1, 2, 1] }, { shape: [2, 1, 3, 3] }],
      attrs: { dilations: [1, 2], padding: 'same' },
    },
  ],
});
