// conv2d (override) as implicit GEMM per group; input windows are gathered on the fly (zero in padding).
// - 'shared' GEMM (GPUs): rows are output positions (n, oh, ow), columns the group's output channels,
//   depth the filter taps (kh, kw, c).
// - 'lanes' GEMM (software adapters but SwiftShader: tiles.convKind): transposed, output positions along
//   the invocations (see convByPositions), so that the filter is the row operand every lane shares.

import type { Conv2dAttrs, OverrideAttrs, TensorInfo } from '@libml/core';
import type { Gpu } from '../gpu.js';
import type { GpuKernel } from './types.js';
import { type ConvGeometry, convGeometry, convParams, convVariant, convWgsl } from './util/conv.js';
import { type GemmSpec, runGemm } from './util/gemm.js';
import { allocOutput, dataOf } from './util/wgsl.js';

const TAPS = 'let c = k % CG(); let t2 = k / CG(); let kw = t2 % KW(); let kh = t2 / KW();';

export const conv2d: GpuKernel<OverrideAttrs['conv2d']> = (gpu, [x, filter], attrs, [out]) => {
  const y = allocOutput(gpu, 'conv2d', out);
  const { spec, a, b } = conv2dGemm(gpu, x, filter, out.shape, attrs);
  runGemm(gpu, spec, dataOf(gpu, a), dataOf(gpu, b), y);
  return [y];
};

/**
 * conv2d's GEMM on this adapter (tiles.convKind): the spec, its operands a and b, and which GEMM index is
 * the output position (n, oh, ow) and which the output channel within group z ('shared': m the position;
 * 'lanes': n). fusedConv2d replaces the store with its epilogue.
 */
export function conv2dGemm(
  gpu: Gpu,
  x: TensorInfo,
  filter: TensorInfo,
  outShape: readonly number[],
  attrs: Conv2dAttrs,
): { spec: GemmSpec; a: TensorInfo; b: TensorInfo; position: 'm' | 'n'; geometry: ConvGeometry } {
  const g = convGeometry(x.shape, filter.shape, outShape, attrs);
  if (gpu.tiles.convKind === 'lanes') {
    return { spec: convByPositions(g, attrs), a: filter, b: x, position: 'n', geometry: g };
  }
  const spec: GemmSpec = {
    name: 'conv2d',
    variant: convVariant(attrs),
    prelude: convWgsl(attrs),
    loadA: `fn loadA(m: u32, k: u32) -> f32 {
  let ow = m % OW(); let t = m / OW(); let oh = t % OH(); let nb = t / OH();
  ${TAPS}
  let ih = i32(oh * SH() + kh * DH()) - i32(PT());
  let iw = i32(ow * SW() + kw * DW()) - i32(PL());
  if (ih < 0 || iw < 0 || ih >= i32(H()) || iw >= i32(W())) { return 0.0; }
  return rdA(xIdx(nb, z * CG() + c, u32(ih), u32(iw)));
}`,
    loadB: `fn loadB(k: u32, n: u32) -> f32 {
  ${TAPS}
  return rdB(wIdx(z * OG() + n, c, kh, kw));
}`,
    store: `fn store(m: u32, n: u32, v: f32) {
  let ow = m % OW(); let t = m / OW(); let oh = t % OH(); let nb = t / OH();
  wrY(yIdx(nb, z * OG() + n, oh, ow), v);
}`,
    m: g.n * g.oh * g.ow,
    n: g.og,
    k: g.cg * g.kh * g.kw,
    batches: g.groups,
    params: convParams(g, attrs),
    kind: 'shared',
  };
  return { spec, a: x, b: filter, position: 'm', geometry: g };
}

/**
 * The 'lanes' conv2d with output positions along the invocations: C'(o, p) = sum_k W'(o, k) X'(k, p), the
 * filter the (broadcast) row operand, input windows the lane operand; taps walked incrementally, the
 * four positions of a column group decomposed once, outside the k loop.
 */
function convByPositions(g: ConvGeometry, attrs: Conv2dAttrs): GemmSpec {
  const nhwc = attrs.dataFormat === 'NHWC';
  const hwio = attrs.filterFormat === 'HWIO';
  const depth = g.cg * g.kh * g.kw;
  const positions = g.n * g.oh * g.ow;
  // Taps: (c, kh, kw) for NCHW, (kh, kw, c) for NHWC (channels innermost, as in memory).
  const taps = nhwc
    ? 'let c = k % CG(); let t2 = k / CG(); let kw = t2 % KW(); let kh = t2 / KW();'
    : 'let kw = k % KW(); let t2 = k / KW(); let kh = t2 % KH(); let c = t2 / KH();';
  const advance = nhwc
    ? 'tc += 1u; if (tc >= CG()) { tc = 0u; tkw += 1u; if (tkw >= KW()) { tkw = 0u; tkh += 1u; } }'
    : 'tkw += 1u; if (tkw >= KW()) { tkw = 0u; tkh += 1u; if (tkh >= KH()) { tkh = 0u; tc += 1u; } }';
  const xo = nhwc ? 'z * CG() + tc' : '(z * CG() + tc) * H() * W()';
  const wi = hwio ? '((tkh * KW() + tkw) * CG() + tc) * O()' : '(tc * KH() + tkh) * KW() + tkw';
  // Four channels of one pixel per step, as one vec4 (NHWC with channels in fours).
  const px4 = nhwc && g.cg % 4 === 0;
  const aVec = !nhwc && !hwio && depth % 4 === 0;
  const s4 = nhwc ? positions % 4 === 0 : (g.oh * g.ow) % 4 === 0;
  const tapLines: string[] = [];
  for (let j = 0; j < 4; j++) {
    tapLines.push(
      `  dh[${j}] = i32(tkh * DH()); dw[${j}] = i32(tkw * DW()); xo[${j}] = ${xo}; wi[${j}] = ${wi};`,
      `  ${advance}`,
    );
  }
  // NCHW at stride 1 with rows in fours: a lane's four positions share an input row and read four
  // consecutive pixels per tap: two aligned vec4 loads and a shift instead of four scalar loads.
  const row4 = !nhwc && attrs.strides[1] === 1 && g.w % 4 === 0 && g.ow % 4 === 0;
  const loadB44 = row4
    ? `fn tapRow(t: TapA, cb: ColB, j: u32) -> vec4<f32> {
  let ih = cb.ih.x + t.dh[j]; let iw0 = cb.iw.x + t.dw[j];
  let okh = ih >= 0 && ih < i32(H());
  let iw = vec4(iw0) + vec4(0, 1, 2, 3);
  let ok = (iw >= vec4(0)) & (iw < vec4(i32(W()))) & vec4(okh);
  let q = i32((cb.base.x + t.xo[j] + u32(select(0, ih, okh)) * W()) >> 2u) + (iw0 >> 2u);
  let lo = rdB4(u32(max(q, 0))); let hi = rdB4(u32(max(q + 1, 0)));
  let s = iw0 & 3;
  let v = select(select(select(vec4(lo.w, hi.x, hi.y, hi.z), vec4(lo.z, lo.w, hi.x, hi.y), s == 2),
    vec4(lo.y, lo.z, lo.w, hi.x), s == 1), lo, s == 0);
  return select(vec4<f32>(), v, ok);
}
fn loadB44(t: TapA, cb: ColB) -> mat4x4<f32> {
  return mat4x4(tapRow(t, cb, 0u), tapRow(t, cb, 1u), tapRow(t, cb, 2u), tapRow(t, cb, 3u));
}`
    : px4
      ? `fn loadB44(t: TapA, cb: ColB) -> mat4x4<f32> {
  let ih = cb.ih + vec4(t.dh.x); let iw = cb.iw + vec4(t.dw.x);
  let ok = (ih >= vec4(0)) & (iw >= vec4(0)) & (ih < vec4(i32(H()))) & (iw < vec4(i32(W())));
  let i = select(vec4(0u), (cb.base + (vec4<u32>(ih) * W() + vec4<u32>(iw)) * C() + vec4(t.xo.x)) >> vec4(2u), ok);
  return transpose(mat4x4(select(vec4<f32>(), rdB4(i.x), ok.x), select(vec4<f32>(), rdB4(i.y), ok.y),
    select(vec4<f32>(), rdB4(i.z), ok.z), select(vec4<f32>(), rdB4(i.w), ok.w)));
}`
      : `fn tapCol(t: TapA, cb: ColB, j: u32) -> vec4<f32> {
  let ih = cb.ih + vec4(t.dh[j]); let iw = cb.iw + vec4(t.dw[j]);
  let ok = (ih >= vec4(0)) & (iw >= vec4(0)) & (ih < vec4(i32(H()))) & (iw < vec4(i32(W())));
  let i = select(vec4(0u), cb.base + ${nhwc ? '(vec4<u32>(ih) * W() + vec4<u32>(iw)) * C() + vec4(t.xo[j])' : 'vec4(t.xo[j]) + vec4<u32>(ih) * W() + vec4<u32>(iw)'}, ok);
  return select(vec4<f32>(), vec4(rdB(i.x), rdB(i.y), rdB(i.z), rdB(i.w)), ok);
}
fn loadB44(t: TapA, cb: ColB) -> mat4x4<f32> {
  return mat4x4(tapCol(t, cb, 0u), tapCol(t, cb, 1u), tapCol(t, cb, 2u), tapCol(t, cb, 3u));
}`;
  const flags = `${row4 ? 'r4' : px4 ? 'p4' : ''}${aVec ? 'a4' : ''}${s4 ? 's4' : ''}`;
  return {
    name: 'conv2d',
    variant: `pos:${convVariant(attrs)}:${flags}`,
    prelude: convWgsl(attrs),
    loadA: `fn loadA(m: u32, k: u32) -> f32 {
  ${taps}
  return rdA(wIdx(z * OG() + m, c, kh, kw));
}`,
    loadB: `fn loadB(k: u32, n: u32) -> f32 {
  let ow = n % OW(); let t = n / OW(); let oh = t % OH(); let nb = t / OH();
  ${taps}
  let ih = i32(oh * SH() + kh * DH()) - i32(PT());
  let iw = i32(ow * SW() + kw * DW()) - i32(PL());
  if (ih < 0 || iw < 0 || ih >= i32(H()) || iw >= i32(W())) { return 0.0; }
  return rdB(xIdx(nb, z * CG() + c, u32(ih), u32(iw)));
}`,
    store: `fn store(m: u32, n: u32, v: f32) {
  let ow = n % OW(); let t = n / OW(); let oh = t % OH(); let nb = t / OH();
  wrY(yIdx(nb, z * OG() + m, oh, ow), v);
}`,
    rowA: `alias RowA = u32;
fn rowA(m: u32) -> u32 { return ${hwio ? 'z * OG() + m' : '(z * OG() + m) * CG() * KH() * KW()'}; }`,
    tapA: `struct TapA { k: u32, dh: vec4<i32>, dw: vec4<i32>, xo: vec4<u32>, wi: vec4<u32> }
var<private> tc: u32; var<private> tkw: u32; var<private> tkh: u32;
fn tapA(k: u32) -> TapA {
  var dh: vec4<i32>; var dw: vec4<i32>; var xo: vec4<u32>; var wi: vec4<u32>;
${tapLines.join('\n')}
  return TapA(k, dh, dw, xo, wi);
}`,
    loadA4: aVec
      ? 'fn loadA4(r: RowA, t: TapA) -> vec4<f32> { return rdA4((r + t.k) >> 2u); }'
      : 'fn loadA4(r: RowA, t: TapA) -> vec4<f32> { return vec4(rdA(r + t.wi.x), rdA(r + t.wi.y), rdA(r + t.wi.z), rdA(r + t.wi.w)); }',
    colB: `struct ColB { ih: vec4<i32>, iw: vec4<i32>, base: vec4<u32> }
fn colB(n: u32) -> ColB {
  let p = min(vec4(n) + vec4(0u, 1u, 2u, 3u), vec4(pu(1u) - 1u));
  let ow = p % vec4(OW()); let t = p / vec4(OW()); let oh = t % vec4(OH()); let nb = t / vec4(OH());
  return ColB(vec4<i32>(oh * SH()) - vec4(i32(PT())), vec4<i32>(ow * SW()) - vec4(i32(PL())), nb * (C() * H() * W()));
}`,
    loadB44,
    ...(s4
      ? {
          store4: nhwc
            ? `fn store4(m: u32, n: u32, v: vec4<f32>) {
  let i = n * O() + z * OG() + m;
  wrY(i, v.x); wrY(i + O(), v.y); wrY(i + 2u * O(), v.z); wrY(i + 3u * O(), v.w);
}`
            : `fn store4(m: u32, n: u32, v: vec4<f32>) {
  let S = OH() * OW(); let nb = n / S;
  wrY4(((nb * O() + z * OG() + m) * S + n % S) >> 2u, v);
}`,
        }
      : {}),
    m: g.og,
    n: positions,
    k: depth,
    batches: g.groups,
    params: convParams(g, attrs),
    kind: 'lanes',
  };
}
