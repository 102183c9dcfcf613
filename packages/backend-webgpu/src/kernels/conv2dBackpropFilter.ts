// conv2dBackpropFilter (override): dW as GEMM per group: rows the group's output channels, columns
// (c, kh, kw), depth the output positions (n, oh, ow); x windows are gathered on the fly.

import type { OverrideAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { convGeometry, convParams, convVariant, convWgsl } from './util/conv.js';
import { runGemm } from './util/gemm.js';
import { allocOutput, dataOf } from './util/wgsl.js';

export const conv2dBackpropFilter: GpuKernel<OverrideAttrs['conv2dBackpropFilter']> = (
  gpu,
  [x, dy],
  attrs,
  [out],
) => {
  const dw = allocOutput(gpu, 'conv2dBackpropFilter', out);
  const g = convGeometry(x.shape, out.shape, dy.shape, attrs);
  // Operand a is dy (x0), operand b is x (x1).
  runGemm(
    gpu,
    {
      name: 'conv2dBackpropFilter',
      variant: convVariant(attrs),
      prelude: convWgsl(attrs),
      loadA: `fn loadA(m: u32, k: u32) -> f32 {
  let ow = k % OW(); let t = k / OW(); let oh = t % OH(); let nb = t / OH();
  return rdA(yIdx(nb, z * OG() + m, oh, ow));
}`,
      loadB: `fn loadB(k: u32, n: u32) -> f32 {
  let ow = k % OW(); let t = k / OW(); let oh = t % OH(); let nb = t / OH();
  let kw = n % KW(); let t2 = n / KW(); let kh = t2 % KH(); let c = t2 / KH();
  let ih = i32(oh * SH() + kh * DH()) - i32(PT());
  let iw = i32(ow * SW() + kw * DW()) - i32(PL());
  if (ih < 0 || iw < 0 || ih >= i32(H()) || iw >= i32(W())) { return 0.0; }
  return rdB(xIdx(nb, z * CG() + c, u32(ih), u32(iw)));
}`,
      store: `fn store(m: u32, n: u32, v: f32) {
  let kw = n % KW(); let t2 = n / KW(); let kh = t2 % KH(); let c = t2 / KH();
  wrY(wIdx(z * OG() + m, c, kh, kw), v);
}`,
      m: g.og,
      n: g.cg * g.kh * g.kw,
      k: g.n * g.oh * g.ow,
      batches: g.groups,
      params: convParams(g, attrs),
      kind: gpu.tiles.convKind,
    },
    dataOf(gpu, dy),
    dataOf(gpu, x),
    dw,
  );
  return [dw];
};
