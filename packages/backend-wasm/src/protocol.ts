// The control block shared by the main thread and the gemm workers of the threaded backend: one slot of
// SLOT_INTS int32 words per worker, in the shared linear memory (allocated by the main thread's heap).
// The main thread writes a job's arguments, bumps SEQ and notifies; the worker runs it, stores STATUS,
// sets DONE = SEQ and notifies. Kept free of imports so the worker bundle stays tiny.

/** int32 words per slot (128 bytes: slots do not share a cache line pair). */
export const SLOT_INTS = 32;
/** Job counter written by the main thread. */
export const SEQ = 0;
/** Last job finished by the worker. */
export const DONE = 1;
/** What to do: OP_SPLIT, OP_CALLS or OP_STOP. */
export const OP = 2;
/** 0 when the last job ran, 1 when it threw. */
export const STATUS = 3;
/** The job's arguments start here. */
export const ARGS = 4;
/**
 * Set to the job's SEQ when it is posted; the worker claims the job by swapping it to ~SEQ, and the calling
 * thread may cancel a job no worker has claimed by the same swap (it then does that part itself).
 */
export const CLAIM = 16;
/**
 * Microseconds the worker polls for its next job after this one before it sleeps, written by the calling
 * thread with each job (long while workers keep up, short after one held the caller up: see threads.ts).
 */
export const POLL = 17;
export const OP_STOP = 2;
/**
 * Run a list of kernel calls; ARGS holds the list's byte address. The list is int32 words: the number of
 * calls, then CALL_INTS words per call: the function (an FN_ code) and its arguments.
 */
export const OP_CALLS = 3;
export const CALL_INTS = 15;
/** gemm(m, n, k, a, ars, acs, b, brs, bcs, c, crs, ccs, accumulate, work). */
export const FN_GEMM = 0;
/** imageToColumns(geometry, x, n, group, col, scatter). */
export const FN_IM2COL = 1;
/** softmax(log, x, out, outer, reduce, inner, scratch): a run of rows. */
export const FN_SOFTMAX = 2;
/** unaryF32Bits(op, x, out, n, alpha's float32 bits): a run of elements. */
export const FN_UNARY = 3;
/** fusedChunks(program, regs, chunkStart, chunkEnd): chunks of a fused elementwise program. */
export const FN_FUSED = 4;
/** convGemm(geometry, x, n, group, p0, p1, cout, f, frs, fcs, y, yrs, ycs, work): an implicit-gemm conv. */
export const FN_CONV = 5;
/** winogradConv(x, inH, inW, cin, y, outH, outW, cout, pads, u, th0, th1, scratch, work): tile rows. */
export const FN_WINOGRAD = 6;
/** The kernel module's export behind each FN_ code, in order: a worker resolves its table from these. */
export const FN_EXPORTS = [
  'gemm',
  'imageToColumns',
  'softmax',
  'unaryF32Bits',
  'fusedChunks',
  'convGemm',
  'winogradConv',
] as const;

/** Calls the kernel FN_ code `fn` with its arguments (14 words; functions ignore the ones they lack). */
export function callFn(fns: readonly GemmFn[], fn: number, a: ArrayLike<number>): void {
  fns[fn](a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13]);
}

/** The message that starts a worker: the compiled module, the shared memory, and its slot's address. */
export interface WorkerInit {
  readonly module: object;
  readonly memory: { readonly buffer: ArrayBufferLike };
  /** Byte address of this worker's slot. */
  readonly slot: number;
  /** Microseconds the worker polls for the next job before it sleeps (default 50; 0: sleep at once). */
  readonly spin?: number;
}

/** The worker's answer once it has instantiated the module (or failed to). */
export interface WorkerReady {
  readonly ready: boolean;
  readonly error?: string;
}

/**
 * Split one gemm: ARGS holds the address of the pool's job block, ARGS + 1 this worker's gemm workspace.
 * Every thread (the caller included) takes shares from the block's counter until none are left, so a
 * thread that is descheduled or woken late does less of the product instead of holding the others up.
 */
export const OP_SPLIT = 4;
/** int32 words of the job block. */
export const JOB_INTS = 32;
/** Next share to take (Atomics.add). */
const JOB_NEXT = 0;
const JOB_SHARES = 1;
/** Elements per share along the split side (a multiple of the micro-tile). */
const JOB_SHARE = 2;
const JOB_SIDE = 3;
/** 1: shares are column blocks of B and C; 0: row blocks of A and C. */
const JOB_BY_COLUMNS = 4;
/** m, n, k, a, ars, acs, b, brs, bcs, c, crs, ccs, accumulate. */
const JOB_GEMM = 5;

export type GemmFn = (...args: number[]) => void;

/** Writes a split gemm into the job block (before the workers are woken). */
export function writeJob(
  job: Int32Array,
  shares: number,
  share: number,
  side: number,
  byColumns: boolean,
  gemmArgs: readonly number[],
): void {
  job[JOB_SHARES] = shares;
  job[JOB_SHARE] = share;
  job[JOB_SIDE] = side;
  job[JOB_BY_COLUMNS] = byColumns ? 1 : 0;
  for (let i = 0; i < 13; i++) job[JOB_GEMM + i] = gemmArgs[i];
  Atomics.store(job, JOB_NEXT, 0);
}

/** Takes and runs shares of the job until none are left. */
export function runShares(job: Int32Array, gemm: GemmFn, work: number): void {
  const shares = job[JOB_SHARES];
  const share = job[JOB_SHARE];
  const side = job[JOB_SIDE];
  const byColumns = job[JOB_BY_COLUMNS] !== 0;
  const g = JOB_GEMM;
  const [m, n, k, a, ars, acs, b, brs, bcs, c, crs, ccs, acc] = job.subarray(g, g + 13);
  for (;;) {
    const i = Atomics.add(job, JOB_NEXT, 1);
    if (i >= shares) return;
    const start = i * share;
    const len = Math.min(share, side - start);
    // Addresses are int32 words here; wasm takes them modulo 2^32, so sums past 2^31 stay right.
    if (byColumns)
      gemm(m, len, k, a, ars, acs, b + 4 * start * bcs, brs, bcs, c + 4 * start * ccs, crs, ccs, acc, work);
    else
      gemm(len, n, k, a + 4 * start * ars, ars, acs, b, brs, bcs, c + 4 * start * crs, crs, ccs, acc, work);
  }
}

/**
 * A queue of independent jobs (each a fixed number of im2col/gemm calls), taken by every thread from a
 * shared counter. ARGS holds the queue's address, ARGS + 1 the thread's index. Queue words: 0 next job
 * (Atomics.add), 1 jobs, 2 calls per job, 3 resources per thread R, 4 threads T, then T x R resource
 * addresses (thread t's column buffer, gemm workspace, ...), then per call CALL_WORDS words: the function,
 * a relocation mask (2 bits per argument: 0 literal, r > 0: add the thread's resource r - 1), 14 arguments.
 */
export const OP_JOBS = 5;
export const CALL_WORDS = 16;
const Q_NEXT = 0;
const Q_JOBS = 1;
const Q_PER_JOB = 2;
const Q_RESOURCES = 3;
const Q_THREADS = 4;
const Q_TABLE = 5;

/** The queue's size in int32 words. */
export function queueWords(jobs: number, perJob: number, resources: number, threads: number): number {
  return Q_TABLE + threads * resources + jobs * perJob * CALL_WORDS;
}

/** Writes a queue: `calls` are [fn, mask, ...arguments], jobs x perJob of them in job order. */
export function writeQueue(
  q: Int32Array,
  perJob: number,
  table: readonly (readonly number[])[],
  calls: readonly (readonly number[])[],
): void {
  const resources = table[0].length;
  q[Q_JOBS] = calls.length / perJob;
  q[Q_PER_JOB] = perJob;
  q[Q_RESOURCES] = resources;
  q[Q_THREADS] = table.length;
  for (let t = 0; t < table.length; t++) {
    for (let r = 0; r < resources; r++) q[Q_TABLE + t * resources + r] = table[t][r];
  }
  let p = Q_TABLE + table.length * resources;
  for (const call of calls) {
    for (let i = 0; i < CALL_WORDS; i++) q[p + i] = call[i] ?? 0;
    p += CALL_WORDS;
  }
  Atomics.store(q, Q_NEXT, 0);
}

/** Takes and runs jobs of the queue as thread `thread` until none are left; `fns` by FN_ code. */
export function runQueue(q: Int32Array, thread: number, fns: readonly GemmFn[]): void {
  const jobs = q[Q_JOBS];
  const perJob = q[Q_PER_JOB];
  const resources = q[Q_RESOURCES];
  const own = Q_TABLE + thread * resources;
  const base = Q_TABLE + q[Q_THREADS] * resources;
  const a: number[] = new Array(14).fill(0);
  for (;;) {
    const j = Atomics.add(q, Q_NEXT, 1);
    if (j >= jobs) return;
    for (let c = 0; c < perJob; c++) {
      const p = base + (j * perJob + c) * CALL_WORDS;
      const mask = q[p + 1];
      for (let i = 0; i < 14; i++) {
        const r = (mask >>> (2 * i)) & 3;
        a[i] = r === 0 ? q[p + 2 + i] : q[own + r - 1] + q[p + 2 + i];
      }
      callFn(fns, q[p], a);
    }
  }
}
