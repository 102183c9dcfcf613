// conv2d (override) as implicit GEMM per group: rows are output positions (n, oh, ow), columns the
// group's output channels, depth (c, kh, kw); input windows are gathered on the fly (zero in padding).

import type { OverrideAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { convGeometry, convParams, convVariant, convWgsl } from './util/conv.js';
import { runGemm } from './util/gemm.js';
import { allocOutput, dataOf } from './util/wgsl.js';

export const conv2d: GpuKernel<OverrideAttrs['conv2d']> = (gpu, [x, filter], attrs, [out]) => {
  const y = allocOutput(gpu, 'conv2d', out);
  const g = convGeometry(x.shape, filter.shape, out.shape, attrs);
  const prelude = `${convWgsl(attrs)}
fn loadA(m: u32, k: u32) -> f32 {
  let ow = m % OW(); let t = m / OW(); let oh = t % OH(); let nb = t / OH();
  let kw = k % KW(); let t2 = k / KW(); let kh = t2 % KH(); let c = t2 / KH();
  let ih = i32(oh * SH() + kh * DH()) - i32(PT());
  let iw = i32(ow * SW() + kw * DW()) - i32(PL());
  if (ih < 0 || iw < 0 || ih >= i32(H()) || iw >= i32(W())) { return 0.0; }
  return x0[xIdx(nb, z * CG() + c, u32(ih), u32(iw))];
}
fn loadB(k: u32, n: u32) -> f32 {
  let kw = k % KW(); let t2 = k / KW(); let kh = t2 % KH(); let c = t2 / KH();
  return x1[wIdx(z * OG() + n, c, kh, kw)];
}
fn store(m: u32, n: u32, v: f32) {
  let ow = m % OW(); let t = m / OW(); let oh = t % OH(); let nb = t / OH();
  y0[yIdx(nb, z * OG() + n, oh, ow)] = v;
}`;
  runGemm(
    gpu,
    {
      name: 'conv2d',
      variant: convVariant(attrs),
      prelude,
      m: g.n * g.oh * g.ow,
      n: g.og,
      k: g.cg * g.kh * g.kw,
      batches: g.groups,
      params: convParams(g, attrs),
    },
    dataOf(gpu, x),
    dataOf(gpu, filter),
    y,
  );
  return [y];
};
