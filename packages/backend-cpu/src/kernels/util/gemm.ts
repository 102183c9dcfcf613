// General matrix multiply C (+)= A·B on strided operands: packed panels, cache blocking and a 4x4
// register-blocked micro-kernel. Shared by matmul and the convolutions (via im2col).

import type { DataArray } from '@libml/core';

/** A matrix inside a flat array: element (i, j) lives at offset + i*rowStride + j*colStride. */
export interface MatrixRef {
  readonly data: DataArray;
  readonly offset: number;
  readonly rowStride: number;
  readonly colStride: number;
}

// Micro-tile: 16 accumulators plus 8 operands fit the 16 xmm registers V8 allocates on x64.
const MR = 4;
const NR = 4;
// Cache blocks: a KC x NR panel of B (8 KiB) stays in L1 while the MC x KC block of A (128 KiB) sits in L2.
const KC = 256;
const MC = 64;
const NC = 512;
/** Below this many multiply-adds packing costs more than it saves. */
const SMALL_WORK = 16 * 16 * 16;

// Scratch reused across calls (kernels run one at a time), allocated on first use: packed A, packed B, and
// the C block in float64 so float32 results are rounded once, after the full K sum.
let packedA = new Float64Array(0);
let packedB = new Float64Array(0);
let blockC = new Float64Array(0);
let rowScratch = new Float64Array(0);

/**
 * C = A·B (or C += A·B when `accumulate`), A m x k, B k x n, C m x n. Products are summed in float64 and
 * each C element is written once.
 */
export function gemm(
  m: number,
  n: number,
  k: number,
  a: MatrixRef,
  b: MatrixRef,
  c: MatrixRef,
  accumulate: boolean,
) {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (!accumulate) fillMatrix(c, m, n, 0);
    return;
  }
  if (m < MR || n < NR || m * n * k <= SMALL_WORK) {
    gemmSmall(m, n, k, a, b, c, accumulate);
    return;
  }
  if (blockC.length === 0) {
    packedA = new Float64Array(MC * KC);
    packedB = new Float64Array(KC * NC);
    blockC = new Float64Array(MC * NC);
  }
  // With one depth block, the packed B block serves every row block: pack it once per column block.
  const singleDepthBlock = k <= KC;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    const ncPadded = Math.ceil(nc / NR) * NR;
    if (singleDepthBlock) packB(b, 0, k, jc, nc);
    for (let ic = 0; ic < m; ic += MC) {
      const mc = Math.min(MC, m - ic);
      const mcPadded = Math.ceil(mc / MR) * MR;
      for (let pc = 0; pc < k; pc += KC) {
        const kc = Math.min(KC, k - pc);
        if (!singleDepthBlock) packB(b, pc, kc, jc, nc);
        packA(a, ic, mc, pc, kc);
        const first = pc === 0;
        for (let jr = 0; jr < ncPadded; jr += NR) {
          for (let ir = 0; ir < mcPadded; ir += MR) {
            microKernel(kc, ir * kc, jr * kc, ir * ncPadded + jr, ncPadded, first);
          }
        }
      }
      storeBlock(c, ic, mc, jc, nc, ncPadded, accumulate);
    }
  }
}

/** Packs rows [ic, ic+mc) x cols [pc, pc+kc) of A into MR-row panels, p-major, zero-padding the last. */
function packA(a: MatrixRef, ic: number, mc: number, pc: number, kc: number): void {
  const { data, rowStride: rs, colStride: cs } = a;
  const dst = packedA;
  let d = 0;
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = Math.min(MR, mc - ir);
    let s = a.offset + (ic + ir) * rs + pc * cs;
    if (rows === MR) {
      const rs2 = 2 * rs;
      const rs3 = 3 * rs;
      for (let p = 0; p < kc; p++, s += cs, d += MR) {
        dst[d] = data[s];
        dst[d + 1] = data[s + rs];
        dst[d + 2] = data[s + rs2];
        dst[d + 3] = data[s + rs3];
      }
    } else {
      for (let p = 0; p < kc; p++, s += cs, d += MR) {
        for (let r = 0; r < MR; r++) dst[d + r] = r < rows ? data[s + r * rs] : 0;
      }
    }
  }
}

/** Packs rows [pc, pc+kc) x cols [jc, jc+nc) of B into NR-column panels, p-major, zero-padding the last. */
function packB(b: MatrixRef, pc: number, kc: number, jc: number, nc: number): void {
  const { data, rowStride: rs, colStride: cs } = b;
  const dst = packedB;
  let d = 0;
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = Math.min(NR, nc - jr);
    let s = b.offset + pc * rs + (jc + jr) * cs;
    if (cols === NR) {
      const cs2 = 2 * cs;
      const cs3 = 3 * cs;
      for (let p = 0; p < kc; p++, s += rs, d += NR) {
        dst[d] = data[s];
        dst[d + 1] = data[s + cs];
        dst[d + 2] = data[s + cs2];
        dst[d + 3] = data[s + cs3];
      }
    } else {
      for (let p = 0; p < kc; p++, s += rs, d += NR) {
        for (let j = 0; j < NR; j++) dst[d + j] = j < cols ? data[s + j * cs] : 0;
      }
    }
  }
}

/** One 4x4 tile of the C block: sums kc products of an A panel and a B panel in registers. */
function microKernel(kc: number, ai: number, bi: number, ci: number, ldc: number, overwrite: boolean): void {
  const pa = packedA;
  const pb = packedB;
  let c00 = 0;
  let c01 = 0;
  let c02 = 0;
  let c03 = 0;
  let c10 = 0;
  let c11 = 0;
  let c12 = 0;
  let c13 = 0;
  let c20 = 0;
  let c21 = 0;
  let c22 = 0;
  let c23 = 0;
  let c30 = 0;
  let c31 = 0;
  let c32 = 0;
  let c33 = 0;
  for (let p = 0; p < kc; p++, ai += MR, bi += NR) {
    const a0 = pa[ai];
    const a1 = pa[ai + 1];
    const a2 = pa[ai + 2];
    const a3 = pa[ai + 3];
    const b0 = pb[bi];
    const b1 = pb[bi + 1];
    const b2 = pb[bi + 2];
    const b3 = pb[bi + 3];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
  }
  const c = blockC;
  const r1 = ci + ldc;
  const r2 = r1 + ldc;
  const r3 = r2 + ldc;
  if (overwrite) {
    c[ci] = c00;
    c[ci + 1] = c01;
    c[ci + 2] = c02;
    c[ci + 3] = c03;
    c[r1] = c10;
    c[r1 + 1] = c11;
    c[r1 + 2] = c12;
    c[r1 + 3] = c13;
    c[r2] = c20;
    c[r2 + 1] = c21;
    c[r2 + 2] = c22;
    c[r2 + 3] = c23;
    c[r3] = c30;
    c[r3 + 1] = c31;
    c[r3 + 2] = c32;
    c[r3 + 3] = c33;
  } else {
    c[ci] += c00;
    c[ci + 1] += c01;
    c[ci + 2] += c02;
    c[ci + 3] += c03;
    c[r1] += c10;
    c[r1 + 1] += c11;
    c[r1 + 2] += c12;
    c[r1 + 3] += c13;
    c[r2] += c20;
    c[r2 + 1] += c21;
    c[r2 + 2] += c22;
    c[r2 + 3] += c23;
    c[r3] += c30;
    c[r3 + 1] += c31;
    c[r3 + 2] += c32;
    c[r3 + 3] += c33;
  }
}

/** Writes (or adds) the valid mc x nc part of the float64 C block into C. */
function storeBlock(
  c: MatrixRef,
  ic: number,
  mc: number,
  jc: number,
  nc: number,
  ldb: number,
  accumulate: boolean,
) {
  const { data, rowStride: rs, colStride: cs } = c;
  const block = blockC;
  for (let i = 0; i < mc; i++) {
    let d = c.offset + (ic + i) * rs + jc * cs;
    const s = i * ldb;
    if (accumulate) {
      for (let j = 0; j < nc; j++, d += cs) data[d] += block[s + j];
    } else {
      for (let j = 0; j < nc; j++, d += cs) data[d] = block[s + j];
    }
  }
}

function fillMatrix(c: MatrixRef, m: number, n: number, value: number): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) c.data[c.offset + i * c.rowStride + j * c.colStride] = value;
  }
}

/** Unpacked loops for thin or tiny products (matrix-vector, a few rows), where packing does not pay. */
function gemmSmall(
  m: number,
  n: number,
  k: number,
  a: MatrixRef,
  b: MatrixRef,
  c: MatrixRef,
  accumulate: boolean,
) {
  const { data: ad, rowStride: ars, colStride: acs } = a;
  const { data: bd, rowStride: brs, colStride: bcs } = b;
  const { data: cd, rowStride: crs, colStride: ccs } = c;
  if (bcs === 1 && n > 1) {
    // B rows are contiguous: accumulate whole rows of C (axpy form) in a float64 row.
    if (rowScratch.length < n) rowScratch = new Float64Array(n);
    const row = rowScratch;
    for (let i = 0; i < m; i++) {
      row.fill(0, 0, n);
      let ai = a.offset + i * ars;
      let bRow = b.offset;
      for (let p = 0; p < k; p++, ai += acs, bRow += brs) {
        const aip = ad[ai];
        for (let j = 0; j < n; j++) row[j] += aip * bd[bRow + j];
      }
      let ci = c.offset + i * crs;
      if (accumulate) {
        for (let j = 0; j < n; j++, ci += ccs) cd[ci] += row[j];
      } else {
        for (let j = 0; j < n; j++, ci += ccs) cd[ci] = row[j];
      }
    }
    return;
  }
  // Dot-product form: walks A rows and B columns.
  for (let i = 0; i < m; i++) {
    const aRow = a.offset + i * ars;
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0, ai = aRow, bi = b.offset + j * bcs; p < k; p++, ai += acs, bi += brs)
        sum += ad[ai] * bd[bi];
      const ci = c.offset + i * crs + j * ccs;
      cd[ci] = accumulate ? cd[ci] + sum : sum;
    }
  }
}
