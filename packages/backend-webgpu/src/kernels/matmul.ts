// matmul (override): batched A·B with optional transposes and NumPy-broadcast batch dims, on the tiled
// GEMM. Operand strides and the batch decomposition live in uniforms: one pipeline per batch rank.

import type { OverrideAttrs, TensorInfo } from '@libml/core';
import type { GpuKernel } from './types.js';
import { type GemmSpec, runGemm } from './util/gemm.js';
import { allocOutput, broadcastStrides, dataOf, mergeDims, offsetsCode, sizeOf } from './util/wgsl.js';

export const matmul: GpuKernel<OverrideAttrs['matmul']> = (gpu, [a, b], attrs, [out]) => {
  const y = allocOutput(gpu, 'matmul', out);
  runGemm(gpu, matmulSpec(a, b, attrs, out.shape), dataOf(gpu, a), dataOf(gpu, b), y);
  return [y];
};

/**
 * The GEMM of a (batched, transposed, broadcast) matmul with product shape `outShape`: the store writes
 * C[z][m][n] to y0 (fusedMatmul replaces it with its epilogue).
 */
export function matmulSpec(
  a: TensorInfo,
  b: TensorInfo,
  { transposeA, transposeB }: OverrideAttrs['matmul'],
  outShape: readonly number[],
): GemmSpec {
  const out = { shape: outShape };
  const rank = out.shape.length;
  const m = out.shape[rank - 2];
  const n = out.shape[rank - 1];
  const k = transposeA ? a.shape[a.shape.length - 2] : a.shape[a.shape.length - 1];
  const batchShape = out.shape.slice(0, rank - 2);
  const aBatch = a.shape.slice(0, a.shape.length - 2);
  const bBatch = b.shape.slice(0, b.shape.length - 2);
  const merged = mergeDims(batchShape, [
    broadcastStrides(aBatch, batchShape).map((s) => s * m * k),
    broadcastStrides(bBatch, batchShape).map((s) => s * k * n),
  ]);
  const br = merged.shape.length;
  const batches = sizeOf(batchShape);
  // Params (from U): aRowStride, aColStride, bRowStride, bColStride, batch shape, a/b batch strides.
  const params = [
    transposeA ? 1 : k,
    transposeA ? m : 1,
    transposeB ? 1 : n,
    transposeB ? k : 1,
    ...merged.shape,
    ...merged.strides[0],
    ...merged.strides[1],
  ];
  // Vector access where the layout allows it (used by the 'lanes' GEMM; alignment follows from the sizes).
  const aVec = !transposeA && k % 4 === 0;
  const bVec = !transposeB && n % 4 === 0;
  const bT = transposeB && k % 4 === 0;
  return {
    name: 'matmul',
    variant: `br${br}:${aVec ? 'a4' : ''}${bVec ? 'b4' : bT ? 'bt' : ''}${n % 4 === 0 ? 'y4' : ''}`,
    prelude: 'var<private> baseA: u32; var<private> baseB: u32;',
    loadA: 'fn loadA(m: u32, k: u32) -> f32 { return rdA(baseA + m * pu(U) + k * pu(U + 1u)); }',
    loadB: 'fn loadB(k: u32, n: u32) -> f32 { return rdB(baseB + k * pu(U + 2u) + n * pu(U + 3u)); }',
    store: 'fn store(m: u32, n: u32, v: f32) { wrY((z * pu(0u) + m) * pu(1u) + n, v); }',
    ...(aVec
      ? { loadA4: 'fn loadA4(m: u32, k: u32) -> vec4<f32> { return rdA4((baseA + m * pu(U) + k) >> 2u); }' }
      : {}),
    ...(bVec
      ? {
          loadB44: [
            'fn loadB44(k: u32, n0: u32) -> mat4x4<f32> {',
            '  let s = pu(U + 2u); let i = (baseB + k * s + min(n0, pu(1u) - 4u)) >> 2u; let q = s >> 2u;',
            '  return mat4x4(rdB4(i), rdB4(i + q), rdB4(i + 2u * q), rdB4(i + 3u * q));',
            '}',
          ].join('\n'),
        }
      : bT
        ? {
            loadB44: [
              'fn loadB44(k: u32, n0: u32) -> mat4x4<f32> {',
              '  let s = pu(U + 3u); let L = pu(1u) - 1u; let b = baseB + k;',
              '  return transpose(mat4x4(rdB4((b + min(n0, L) * s) >> 2u), rdB4((b + min(n0 + 1u, L) * s) >> 2u),',
              '    rdB4((b + min(n0 + 2u, L) * s) >> 2u), rdB4((b + min(n0 + 3u, L) * s) >> 2u)));',
              '}',
            ].join('\n'),
          }
        : {}),
    ...(n % 4 === 0
      ? {
          store4:
            'fn store4(m: u32, n: u32, v: vec4<f32>) { wrY4(((z * pu(0u) + m) * pu(1u) + n) >> 2u, v); }',
        }
      : {}),
    setup: [
      br > 0 ? offsetsCode('z', br, 7, ['ba', 'bb'], [7 + br, 7 + 2 * br]) : 'let ba = 0u; let bb = 0u;',
      'baseA = ba; baseB = bb;',
    ].join('\n'),
    m,
    n,
    k,
    batches,
    params,
  };
}
