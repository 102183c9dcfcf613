// A tiled GEMM template: C[z][m][n] = sum_k A(z, m, k) B(z, k, n). Each workgroup computes a BM x BN tile,
// staging BK-deep slices of A and B in workgroup memory; each invocation accumulates an RM x RN block in
// registers. The operands come through WGSL functions, so the same template serves matmul (strided,
// broadcast batches) and convolutions as implicit GEMM (im2col indexing on the fly, never materialised).

import type { Gpu, GpuData } from '../../gpu.js';
import { header } from './wgsl.js';

export interface GemmSpec {
  readonly name: string;
  /** Everything the snippets depend on besides the tile shape. */
  readonly variant: string;
  /**
   * WGSL defining loadA(m, k) -> f32 and loadB(k, n) -> f32 (called in bounds only) and
   * store(m, n, v: f32) (in bounds only). Params after [M, N, K] start at word U (const U = 3u).
   * Private vars set by `setup` (which sees z = batch index) can hold per-batch bases.
   */
  readonly prelude: string;
  readonly setup?: string;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly batches: number;
  readonly params: readonly number[];
}

export function runGemm(gpu: Gpu, spec: GemmSpec, a: GpuData, b: GpuData, out: GpuData): void {
  const { tx, ty, rm, rn, bk } = gpu.tiles.gemm;
  const bm = ty * rm;
  const bn = tx * rn;
  const threads = tx * ty;
  const key = `gemm:${spec.name}:${spec.variant}:${tx}x${ty}:${rm}x${rn}:${bk}`;
  const code = () => {
    const accDecl: string[] = [];
    for (let r = 0; r < rm; r++) for (let c = 0; c < rn; c++) accDecl.push(`var acc_${r}_${c} = 0.0;`);
    const inner: string[] = [];
    for (let r = 0; r < rm; r++) inner.push(`let a_${r} = As[kk * ${bm}u + ly + ${r * ty}u];`);
    for (let c = 0; c < rn; c++) inner.push(`let b_${c} = Bs[kk * ${bn}u + lx + ${c * tx}u];`);
    for (let r = 0; r < rm; r++) {
      for (let c = 0; c < rn; c++) inner.push(`acc_${r}_${c} = fma(a_${r}, b_${c}, acc_${r}_${c});`);
    }
    const stores: string[] = [];
    for (let r = 0; r < rm; r++) {
      for (let c = 0; c < rn; c++) {
        stores.push(
          `{ let m = m0 + ly + ${r * ty}u; let n = n0 + lx + ${c * tx}u; if (m < M && n < N) { store(m, n, acc_${r}_${c}); } }`,
        );
      }
    }
    return [
      header(['f32', 'f32'], ['f32']),
      'const U = 3u;',
      'var<private> z: u32;',
      spec.prelude,
      `var<workgroup> As: array<f32, ${bm * bk}>;`,
      `var<workgroup> Bs: array<f32, ${bn * bk}>;`,
      `@compute @workgroup_size(${tx}, ${ty}, 1)`,
      'fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u, @builtin(local_invocation_index) li: u32) {',
      '  let M = pu(0u); let N = pu(1u); let K = pu(2u);',
      '  z = wid.z;',
      spec.setup ?? '',
      `  let m0 = wid.y * ${bm}u; let n0 = wid.x * ${bn}u;`,
      '  let lx = lid.x; let ly = lid.y;',
      ...accDecl,
      `  for (var k0 = 0u; k0 < K; k0 += ${bk}u) {`,
      `    for (var i = li; i < ${bm * bk}u; i += ${threads}u) {`,
      `      let mm = i / ${bk}u; let kk = i % ${bk}u; let m = m0 + mm; let k = k0 + kk;`,
      `      var v = 0.0; if (m < M && k < K) { v = loadA(m, k); } As[kk * ${bm}u + mm] = v;`,
      '    }',
      `    for (var i = li; i < ${bn * bk}u; i += ${threads}u) {`,
      `      let kk = i / ${bn}u; let nn = i % ${bn}u; let n = n0 + nn; let k = k0 + kk;`,
      `      var v = 0.0; if (n < N && k < K) { v = loadB(k, n); } Bs[kk * ${bn}u + nn] = v;`,
      '    }',
      '    workgroupBarrier();',
      `    for (var kk = 0u; kk < ${bk}u; kk++) {`,
      ...inner.map((l) => `      ${l}`),
      '    }',
      '    workgroupBarrier();',
      '  }',
      ...stores.map((l) => `  ${l}`),
      '}',
    ].join('\n');
  };
  gpu.dispatch(
    spec.name,
    { key, code },
    [a, b],
    [out],
    [spec.m, spec.n, spec.k, ...spec.params],
    [Math.ceil(spec.n / bn), Math.ceil(spec.m / bm), spec.batches],
  );
}
