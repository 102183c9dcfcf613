// conv2dTranspose (PyTorch's ConvTranspose2d; filter OIHW = [C_in, C_out/groups, KH, KW] with NCHW,
// HWIO = [KH, KW, C_out/groups, C_in] with NHWC): strides (equal and per axis), outputPadding,
// dilations, one number, [ph, pw] and asymmetric [[t, b], [l, r]] pads, groups (including depthwise),
// bias, both layouts and the mixed pairings, non-square kernels, odd spatial sizes, an empty batch.

import { conv2dTranspose, type FilterLayout, type Layout } from '@libml/core';
import { type CaseSpec, defineSuite } from '../types.js';

/** Terms summed per output (at most): C_in/groups * KH * KW (+1 with a bias). */
function reductionLength(c: CaseSpec): number {
  const w = c.inputs[1].shape;
  const data = (c.attrs?.dataFormat as string | undefined) ?? 'NCHW';
  const filter = (c.attrs?.filterFormat as string | undefined) ?? (data === 'NCHW' ? 'OIHW' : 'HWIO');
  const groups = (c.attrs?.groups as number | undefined) ?? 1;
  const [cin, kh, kw] = filter === 'OIHW' ? [w[0], w[2], w[3]] : [w[3], w[0], w[1]];
  return (cin / groups) * kh * kw + (c.inputs.length > 2 ? 1 : 0);
}

type TransposePadding = number | [number, number] | [[number, number], [number, number]] | 'valid';

export default defineSuite({
  op: 'conv2dTranspose',
  tolerance: 'reduction',
  differentiable: (c) => c.inputs.map((_, i) => i),
  reductionLength,
  run: ([x, w, bias], attrs) =>
    conv2dTranspose(x, w, {
      strides: attrs.strides as number | [number, number] | undefined,
      padding: attrs.padding as TransposePadding | undefined,
      outputPadding: attrs.outputPadding as number | [number, number] | undefined,
      dilations: attrs.dilations as number | [number, number] | undefined,
      groups: attrs.groups as number | undefined,
      dataFormat: attrs.dataFormat as Layout | undefined,
      filterFormat: attrs.filterFormat as FilterLayout | undefined,
      bias,
    }),
  cases: [
    { name: 'nchw_stride1', inputs: [{ shape: [2, 3, 5, 4] }, { shape: [3, 4, 3, 3] }] },
    {
      name: 'nhwc_stride1',
      inputs: [{ shape: [2, 5, 4, 3] }, { shape: [3, 3, 4, 3] }],
      attrs: { dataFormat: 'NHWC' },
    },
    {
      name: 'nchw_stride2',
      inputs: [{ shape: [2, 3, 4, 5] }, { shape: [3, 2, 3, 3] }],
      attrs: { strides: 2 },
    },
    {
      name: 'nchw_stride2_output_padding',
      inputs: [{ shape: [2, 3, 4, 3] }, { shape: [3, 2, 3, 3] }],
      attrs: { strides: 2, padding: 1, outputPadding: 1 },
    },
    {
      name: 'nhwc_strides_2_3_output_padding_pair',
      inputs: [{ shape: [2, 3, 4, 3] }, { shape: [3, 2, 2, 3] }],
      attrs: { dataFormat: 'NHWC', strides: [2, 3], outputPadding: [1, 2] },
    },
    {
      name: 'nchw_pad_number',
      inputs: [{ shape: [2, 3, 5, 5] }, { shape: [3, 2, 3, 3] }],
      attrs: { padding: 1 },
    },
    {
      name: 'nchw_pad_pair',
      inputs: [{ shape: [2, 3, 5, 4] }, { shape: [3, 2, 3, 3] }],
      attrs: { padding: [0, 1], strides: 2 },
    },
    {
      name: 'nchw_pad_asymmetric_stride2',
      inputs: [{ shape: [2, 3, 4, 5] }, { shape: [3, 2, 3, 3] }],
      attrs: {
        padding: [
          [1, 0],
          [0, 2],
        ],
        strides: 2,
      },
    },
    {
      name: 'nchw_dilation2_output_padding',
      inputs: [{ shape: [2, 3, 4, 4] }, { shape: [3, 2, 3, 2] }],
      attrs: { dilations: 2, outputPadding: 1 },
    },
    {
      name: 'nhwc_dilations_stride2',
      inputs: [{ shape: [1, 4, 3, 3] }, { shape: [3, 3, 2, 3] }],
      attrs: { dataFormat: 'NHWC', dilations: [2, 1], strides: 2, padding: 1 },
    },
    {
      name: 'nchw_groups3',
      inputs: [{ shape: [2, 6, 4, 4] }, { shape: [6, 2, 3, 3] }],
      attrs: { groups: 3 },
    },
    {
      name: 'nchw_depthwise',
      inputs: [{ shape: [2, 3, 5, 5] }, { shape: [3, 1, 3, 3] }],
      attrs: { groups: 3, strides: 2, padding: 1 },
    },
    {
      name: 'nhwc_groups2_bias',
      inputs: [{ shape: [2, 4, 3, 4] }, { shape: [3, 3, 3, 4] }, { shape: [6] }],
      attrs: { dataFormat: 'NHWC', groups: 2, strides: 2, outputPadding: 1 },
    },
    {
      name: 'nchw_bias',
      inputs: [{ shape: [2, 3, 5, 4] }, { shape: [3, 4, 3, 3] }, { shape: [4] }],
      attrs: { padding: 1 },
    },
    {
      name: 'nchw_data_hwio_filter',
      inputs: [{ shape: [2, 3, 4, 5] }, { shape: [3, 2, 4, 3] }],
      attrs: { filterFormat: 'HWIO', strides: 2 },
    },
    {
      name: 'nhwc_data_oihw_filter',
      inputs: [{ shape: [2, 4, 5, 3] }, { shape: [3, 4, 2, 3] }],
      attrs: { dataFormat: 'NHWC', filterFormat: 'OIHW', padding: [1, 0] },
    },
    {
      name: 'kernel_1x1_stride2',
      inputs: [{ shape: [2, 5, 3, 4] }, { shape: [5, 3, 1, 1] }],
      attrs: { strides: 2 },
    },
    {
      name: 'empty_batch',
      inputs: [{ shape: [0, 3, 4, 4] }, { shape: [3, 2, 3, 3] }],
      attrs: { strides: 2 },
    },
    { name: 'single_pixel', inputs: [{ shape: [2, 3, 1, 1] }, { shape: [3, 2, 3, 3] }] },
  ],
});
