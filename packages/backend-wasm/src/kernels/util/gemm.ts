// A strided matrix in wasm memory and the call into the SIMD gemm (assembly/gemm.ts).

import type { Runtime } from '../../runtime.js';

/** Element (i, j) lives at byte ptr + 4*(offset + i*rowStride + j*colStride). */
export interface MatrixRef {
  readonly ptr: number;
  readonly offset: number;
  readonly rowStride: number;
  readonly colStride: number;
}

/** C = A·B or C += A·B (accumulate), A m x k, B k x n, C m x n. */
export function gemm(
  rt: Runtime,
  m: number,
  n: number,
  k: number,
  a: MatrixRef,
  b: MatrixRef,
  c: MatrixRef,
  accumulate: boolean,
): void {
  rt.k.gemm(
    m,
    n,
    k,
    a.ptr + 4 * a.offset,
    a.rowStride,
    a.colStride,
    b.ptr + 4 * b.offset,
    b.rowStride,
    b.colStride,
    c.ptr + 4 * c.offset,
    c.rowStride,
    c.colStride,
    accumulate ? 1 : 0,
    rt.gemmWork,
  );
}
