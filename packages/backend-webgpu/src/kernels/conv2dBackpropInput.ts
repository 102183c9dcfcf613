// conv2dBackpropInput (override): dx as implicit GEMM per group: rows are input positions (n, h, w),
// columns the group's input channels, depth (o, kh, kw); dy is gathered where (h + pad - kh dil) lands on
// the stride grid and inside dy (dy may be shorter than the forward output: the rest counts as zero).

import type { OverrideAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { convGeometry, convParams, convVariant, convWgsl } from './util/conv.js';
import { runGemm } from './util/gemm.js';
import { allocOutput, dataOf } from './util/wgsl.js';

export const conv2dBackpropInput: GpuKernel<OverrideAttrs['conv2dBackpropInput']> = (
  gpu,
  [dy, filter],
  attrs,
  [out],
) => {
  const dx = allocOutput(gpu, 'conv2dBackpropInput', out);
  const g = convGeometry(out.shape, filter.shape, dy.shape, attrs);
  runGemm(
    gpu,
    {
      name: 'conv2dBackpropInput',
      variant: convVariant(attrs),
      prelude: convWgsl(attrs),
      loadA: `fn loadA(m: u32, k: u32) -> f32 {
  let w = m % W(); let t = m / W(); let h = t % H(); let nb = t / H();
  let kw = k % KW(); let t2 = k / KW(); let kh = t2 % KH(); let o = t2 / KH();
  let th = i32(h + PT()) - i32(kh * DH());
  let tw = i32(w + PL()) - i32(kw * DW());
  if (th < 0 || tw < 0) { return 0.0; }
  if (u32(th) % SH() != 0u || u32(tw) % SW() != 0u) { return 0.0; }
  let oh = u32(th) / SH(); let ow = u32(tw) / SW();
  if (oh >= OH() || ow >= OW()) { return 0.0; }
  return rdA(yIdx(nb, z * OG() + o, oh, ow));
}`,
      loadB: `fn loadB(k: u32, n: u32) -> f32 {
  let kw = k % KW(); let t2 = k / KW(); let kh = t2 % KH(); let o = t2 / KH();
  return rdB(wIdx(z * OG() + o, n, kh, kw));
}`,
      store: `fn store(m: u32, n: u32, v: f32) {
  let w = m % W(); let t = m / W(); let h = t % H(); let nb = t / H();
  wrY(xIdx(nb, z * CG() + n, h, w), v);
}`,
      m: g.n * g.h * g.w,
      n: g.cg,
      k: g.og * g.kh * g.kw,
      batches: g.groups,
      params: convParams(g, attrs),
      kind: gpu.tiles.convKind,
    },
    dataOf(gpu, dy),
    dataOf(gpu, filter),
    dx,
  );
  return [dx];
};
