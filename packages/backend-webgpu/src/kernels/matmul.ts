// matmul (override): batched A·B with optional transposes and NumPy-broadcast batch dims, on the tiled
// GEMM. Operand strides and the batch decomposition live in uniforms: one pipeline per batch rank.

import type { OverrideAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { runGemm } from './util/gemm.js';
import { allocOutput, broadcastStrides, dataOf, mergeDims, offsetsCode, sizeOf } from './util/wgsl.js';

export const matmul: GpuKernel<OverrideAttrs['matmul']> = (
  gpu,
  [a, b],
  { transposeA, transposeB },
  [out],
) => {
  const y = allocOutput(gpu, 'matmul', out);
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
  runGemm(
    gpu,
    {
      name: 'matmul',
      variant: `br${br}`,
      prelude: [
        'var<private> baseA: u32; var<private> baseB: u32;',
        'fn loadA(m: u32, k: u32) -> f32 { return x0[baseA + m * pu(U) + k * pu(U + 1u)]; }',
        'fn loadB(k: u32, n: u32) -> f32 { return x1[baseB + k * pu(U + 2u) + n * pu(U + 3u)]; }',
        'fn store(m: u32, n: u32, v: f32) { y0[(z * pu(0u) + m) * pu(1u) + n] = v; }',
      ].join('\n'),
      setup: [
        br > 0 ? offsetsCode('z', br, 7, ['ba', 'bb'], [7 + br, 7 + 2 * br]) : 'let ba = 0u; let bb = 0u;',
        'baseA = ba; baseB = bb;',
      ].join('\n'),
      m,
      n,
      k,
      batches,
      params,
    },
    dataOf(gpu, a),
    dataOf(gpu, b),
    y,
  );
  return [y];
};
