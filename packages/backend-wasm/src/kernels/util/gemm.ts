// A strided matrix in wasm memory and the call into the SIMD gemm (assembly/gemm.ts), threaded when the
// backend has a worker pool.

import { FN_GEMM } from '../../protocol.js';
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
  const ap = a.ptr + 4 * a.offset;
  const bp = b.ptr + 4 * b.offset;
  const cp = c.ptr + 4 * c.offset;
  const acc = accumulate ? 1 : 0;
  // Threaded backends split large products over their workers (src/threads.ts).
  if (rt.pool) {
    rt.pool.gemm(
      rt.k,
      m,
      n,
      k,
      ap,
      a.rowStride,
      a.colStride,
      bp,
      b.rowStride,
      b.colStride,
      cp,
      c.rowStride,
      c.colStride,
      acc,
      rt.gemmWork,
    );
  } else {
    rt.k.gemm(
      m,
      n,
      k,
      ap,
      a.rowStride,
      a.colStride,
      bp,
      b.rowStride,
      b.colStride,
      cp,
      c.rowStride,
      c.colStride,
      acc,
      rt.gemmWork,
    );
  }
}

/** The same product as a call for ThreadPool.runCalls, with its thread's gemm workspace. */
export function gemmCall(
  m: number,
  n: number,
  k: number,
  a: MatrixRef,
  b: MatrixRef,
  c: MatrixRef,
  accumulate: boolean,
  work: number,
): number[] {
  return [
    FN_GEMM,
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
    work,
  ];
}

/**
 * How a kernel of `jobs` independent (image, group) steps of `work` multiply-adds each spreads over the
 * backend's threads: the number of threads to use (1: run serially), each taking a contiguous run of jobs.
 */
export function convThreads(rt: Runtime, jobs: number, work: number): number {
  const pool = rt.pool;
  if (!pool || jobs < 2 || !pool.worthSplitting(jobs * work)) return 1;
  return Math.min(pool.threads, jobs);
}

/** Thread t's jobs [start, end) of `jobs` over `threads`. */
export function jobRange(jobs: number, threads: number, t: number): [number, number] {
  return [Math.floor((t * jobs) / threads), Math.floor(((t + 1) * jobs) / threads)];
}

/** The gemm workspace of thread t (0: the calling thread). */
export function workspace(rt: Runtime, t: number): number {
  return t === 0 || !rt.pool ? rt.gemmWork : rt.pool.workspace(t);
}

/** Relocations of a queued call's arguments (protocol.ts): add the thread's column buffer or workspace. */
export const COLUMNS = 1;
export const WORKSPACE = 2;

/** The relocation-mask bits that add resource `resource` to argument `arg`. */
export function relocate(arg: number, resource: number): number {
  return resource << (2 * arg);
}

/** A gemm call for ThreadPool.runJobs; its workspace (argument 13) is always the thread's own. */
export function queuedGemm(
  m: number,
  n: number,
  k: number,
  a: MatrixRef,
  b: MatrixRef,
  c: MatrixRef,
  accumulate: boolean,
  mask: number,
): number[] {
  const call = gemmCall(m, n, k, a, b, c, accumulate, 0);
  call.splice(1, 0, mask | relocate(13, WORKSPACE));
  return call;
}

/** Gemm argument indices of A, B and C's addresses. */
export const GEMM_A = 3;
export const GEMM_B = 6;
export const GEMM_C = 9;
/** imageToColumns' column-buffer argument. */
export const IM2COL_COLUMNS = 4;
