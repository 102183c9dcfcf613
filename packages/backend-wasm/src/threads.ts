// The threaded gemm of the wasm backend: a pool of workers (worker_threads in Node, module Workers in
// browsers), each with the same kernel module instantiated over the backend's shared WebAssembly.Memory.
// A large product is split into column (or row) shares aligned to the micro-kernel's tile; the calling
// thread runs share 0 itself and waits for the others with Atomics.wait, so kernels stay synchronous.
//
// Blocking waits are not allowed on a browser's main thread, so threads are only used where the caller may
// block (Node's main thread and workers, browser Workers) and shared memory exists (in browsers: a
// cross-origin isolated page); elsewhere the backend stays single-threaded. Workers are unref'd in Node, so
// an idle pool never keeps the process alive.

import { BackendError } from '@libml/core';
import type { WasmHeap, WasmMemory } from './heap.js';
import type { KernelExports, WasmModule } from './loader.js';
import {
  ARGS,
  CALL_INTS,
  CLAIM,
  callFn,
  DONE,
  FN_EXPORTS,
  type GemmFn,
  JOB_INTS,
  OP,
  OP_CALLS,
  OP_JOBS,
  OP_SPLIT,
  OP_STOP,
  POLL,
  queueWords,
  runQueue,
  runShares,
  SEQ,
  SLOT_INTS,
  STATUS,
  type WorkerInit,
  type WorkerReady,
  writeJob,
  writeQueue,
} from './protocol.js';

/** 'auto' never starts more threads than this. */
export const MAX_AUTO_THREADS = 8;
/**
 * Products below this many multiply-adds (m·n·k) run on one thread: waking a worker costs ~20-50 µs, and a
 * 128³ product (2^21, about 0.1 ms) measured slower split than on one thread.
 */
export const DEFAULT_MIN_PARALLEL_WORK = 2 ** 22;
/**
 * A split gemm gives each thread two shares from 2^24 multiply-adds (256^3) up, so a late thread does less;
 * one below. Each share packs the whole of the other operand, which the SIMD packing makes cheap next to a
 * share's arithmetic from that size on.
 */
const TWO_SHARES_FROM = 2 ** 24;
const MR = 4;
const NR = 8;
/**
 * Microseconds a worker polls for its next job before it sleeps. Waking a sleeping worker is slow (a futex
 * wake-up, and in a VM the wake-up of an idle virtual CPU: 0.4 ms measured here, as long as a whole
 * 256x256 matmul split over two threads, which then runs on the calling thread alone), so workers poll
 * across what a caller does between two kernels: reading a 1 MiB result back takes 0.2-0.5 ms.
 */
export const DEFAULT_POLL_MICROSECONDS = 1000;
/**
 * After a worker held the calling thread up (it claimed a share, then had no core to finish it: an
 * overloaded machine, where a polling worker also takes a core from the caller), workers poll only this
 * long for the next BUSY_KERNELS threaded kernels.
 */
const BUSY_POLL_MICROSECONDS = 50;
const BUSY_KERNELS = 8;
/**
 * The calling thread counts as held up when it waited for a claimed part longer than this (ms) and longer
 * than it took for its own part (a worker that keeps up finishes at most one share after the caller).
 */
const HELD_UP_MS = 0.3;

interface Host {
  readonly SharedArrayBuffer?: unknown;
  readonly Atomics?: unknown;
  readonly crossOriginIsolated?: boolean;
  readonly Worker?: new (url: WorkerUrl | string, options?: { type?: string }) => BrowserWorker;
  readonly URL: new (url: string, base: string) => WorkerUrl;
  readonly navigator?: { readonly hardwareConcurrency?: number };
  readonly process?: { readonly versions?: { readonly node?: string } };
}
/** A URL object (kept structural: no DOM or Node typings). */
interface WorkerUrl {
  readonly href: string;
}
interface BrowserWorker {
  onmessage: ((event: { data: WorkerReady }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  postMessage(msg: unknown): void;
  terminate(): void;
}
interface NodeWorker {
  once(event: 'message', listener: (msg: WorkerReady) => void): void;
  once(event: 'error', listener: (error: Error) => void): void;
  postMessage(msg: unknown): void;
  unref(): void;
  terminate(): Promise<number>;
}
interface WorkerThreads {
  Worker: new (url: WorkerUrl, options?: { execArgv?: string[] }) => NodeWorker;
}

const host = globalThis as unknown as Host;
/** The high-resolution clock (Node and browsers, main thread and workers). */
const clock = (globalThis as unknown as { performance: { now(): number } }).performance;
const isNode = (): boolean => Boolean(host.process?.versions?.node);

/** Why threads cannot be used here, or undefined when they can. */
export function threadsUnavailable(): string | undefined {
  if (typeof host.SharedArrayBuffer !== 'function' || typeof host.Atomics !== 'object') {
    return 'no SharedArrayBuffer/Atomics (a browser page needs cross-origin isolation)';
  }
  if (host.crossOriginIsolated === false) return 'the page is not cross-origin isolated';
  if (!isNode() && typeof host.Worker !== 'function') return 'no Worker';
  try {
    // Throws where the thread may not block (a browser's main thread); returns 'not-equal' at once elsewhere.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
  } catch {
    return 'this thread may not block in Atomics.wait (a browser main thread)';
  }
  return undefined;
}

/** Logical cores: os.availableParallelism() in Node, navigator.hardwareConcurrency in browsers. */
export async function hardwareThreads(): Promise<number> {
  if (isNode()) {
    const spec = 'node:os';
    const os = (await import(/* @vite-ignore */ spec)) as {
      availableParallelism?: () => number;
      cpus: () => unknown[];
    };
    return os.availableParallelism ? os.availableParallelism() : os.cpus().length;
  }
  return host.navigator?.hardwareConcurrency ?? 1;
}

/**
 * The worker script: `override` (the backend's `workerUrl` option) resolved against the page, else the
 * built package's dist/worker.js next to this bundle. Node resolves its own (nodeWorkerUrl).
 */
function workerUrl(override?: string | WorkerUrl): WorkerUrl | string {
  const href = typeof override === 'string' ? override : override?.href;
  if (href === undefined)
    return new host.URL('../dist/worker.js', (import.meta as unknown as { url: string }).url);
  const base = (globalThis as unknown as { location?: { href: string } }).location?.href;
  return base ? new host.URL(href, base) : href;
}

/** In Node: `override` as a file URL (a path, relative ones against the working directory), or the default. */
async function nodeWorkerUrl(override?: string | WorkerUrl): Promise<WorkerUrl> {
  const href = typeof override === 'string' ? override : override?.href;
  if (href === undefined) return workerUrl() as WorkerUrl;
  if (/^file:/.test(href)) return new host.URL(href, 'file:///');
  // Node's Worker takes absolute paths and './'-relative ones only: any path becomes a file URL.
  const [pathSpec, urlSpec] = ['node:path', 'node:url'];
  const path = (await import(/* @vite-ignore */ pathSpec)) as { resolve(p: string): string };
  const url = (await import(/* @vite-ignore */ urlSpec)) as { pathToFileURL(p: string): WorkerUrl };
  return url.pathToFileURL(path.resolve(href));
}

interface Handle {
  post(msg: unknown): void;
  terminate(): void;
}

async function spawn(init: WorkerInit, script?: string | WorkerUrl): Promise<Handle> {
  if (isNode()) {
    const spec = 'node:worker_threads';
    const wt = (await import(/* @vite-ignore */ spec)) as WorkerThreads;
    const target = await nodeWorkerUrl(script);
    // No inherited Node options: the worker is a plain ES module, and options such as --input-type (node
    // -e) would stop it from starting. V8 flags (e.g. --experimental-wasm-relaxed-simd) are process-wide.
    const worker = new wt.Worker(target, { execArgv: [] });
    worker.unref();
    const answer = await new Promise<WorkerReady>((resolve) => {
      worker.once('message', resolve);
      worker.once('error', (e) => resolve({ ready: false, error: String(e) }));
      worker.postMessage(init);
    });
    if (!answer.ready) {
      void worker.terminate();
      throw new Error(`backend-wasm: a worker failed to start: ${answer.error}`);
    }
    return { post: (m) => worker.postMessage(m), terminate: () => void worker.terminate() };
  }
  const Ctor = host.Worker;
  if (!Ctor) throw new Error('backend-wasm: no Worker');
  const worker = new Ctor(workerUrl(script), { type: 'module' });
  const answer = await new Promise<WorkerReady>((resolve) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = (e) => resolve({ ready: false, error: e.message ?? 'error' });
    worker.postMessage(init);
  });
  worker.onmessage = null;
  worker.onerror = null;
  if (!answer.ready) {
    worker.terminate();
    throw new Error(`backend-wasm: a worker failed to start: ${answer.error}`);
  }
  return { post: (m) => worker.postMessage(m), terminate: () => worker.terminate() };
}

export class ThreadPool {
  /** Threads that share a product: the workers and the calling thread. */
  readonly threads: number;
  private readonly ctl: Int32Array;
  /** The split gemm's job block (see protocol.ts) and its address. */
  private readonly job: Int32Array;
  private readonly jobAddress: number;
  private readonly memory: WasmMemory;
  private readonly handles: Handle[];
  /** Each worker's gemm workspace. */
  private readonly works: number[];
  private readonly slots: number;
  private readonly minWork: number;
  private seq = 0;
  private stopped = false;
  /** Workers' poll while they keep up (microseconds). */
  private readonly spin: number;
  /** Threaded kernels left to run with short polls (after a worker held the caller up). */
  private busyFor = 0;

  private constructor(
    memory: WasmMemory,
    ctl: Int32Array,
    slots: number,
    handles: Handle[],
    works: number[],
    minWork: number,
    spin: number,
  ) {
    this.spin = spin;
    this.memory = memory;
    this.ctl = ctl;
    this.jobAddress = slots + handles.length * SLOT_INTS * 4;
    this.job = new Int32Array(memory.buffer as unknown as SharedArrayBuffer, this.jobAddress, JOB_INTS);
    this.slots = slots;
    this.handles = handles;
    this.works = works;
    this.threads = handles.length + 1;
    this.minWork = minWork;
  }

  /** Starts threads - 1 workers over `memory` (shared), each with a control slot and a gemm workspace. */
  static async start(
    threads: number,
    module: WasmModule,
    memory: WasmMemory,
    heap: WasmHeap,
    workspaceBytes: number,
    minWork: number,
    spin?: number,
    script?: string | WorkerUrl,
  ): Promise<ThreadPool> {
    const count = threads - 1;
    // The workers' slots, then the job block of split gemms.
    const bytes = (count * SLOT_INTS + JOB_INTS) * 4;
    const slots = heap.alloc(bytes);
    heap.u8.fill(0, slots, slots + bytes);
    const works: number[] = [];
    for (let i = 0; i < count; i++) works.push(heap.alloc(workspaceBytes));
    const ctl = new Int32Array(memory.buffer as unknown as SharedArrayBuffer, slots, count * SLOT_INTS);
    const started = await Promise.allSettled(
      works.map((_, i) => spawn({ module, memory, slot: slots + i * SLOT_INTS * 4, spin }, script)),
    );
    const handles: Handle[] = [];
    let failure: unknown;
    for (const s of started) {
      if (s.status === 'fulfilled') handles.push(s.value);
      else failure = s.reason;
    }
    if (failure !== undefined) {
      for (const h of handles) h.terminate();
      throw failure;
    }
    return new ThreadPool(memory, ctl, slots, handles, works, minWork, spin ?? DEFAULT_POLL_MICROSECONDS);
  }

  /** The gemm of assembly/gemm.ts, split over the pool when the product is large enough. */
  gemm(
    k: KernelExports,
    m: number,
    n: number,
    depth: number,
    a: number,
    ars: number,
    acs: number,
    b: number,
    brs: number,
    bcs: number,
    c: number,
    crs: number,
    ccs: number,
    accumulate: number,
    work: number,
  ): void {
    const threads = this.stopped ? 1 : this.threads;
    if (threads === 1 || m * n * depth < this.minWork) {
      k.gemm(m, n, depth, a, ars, acs, b, brs, bcs, c, crs, ccs, accumulate, work);
      return;
    }
    // Split the longer side into tile-aligned shares, one or two per thread, taken from a shared counter
    // (so a slow or late thread does fewer). Every share takes gemm's blocked path and each element sees the
    // same arithmetic as on one thread: results are bit-identical.
    const byColumns = n >= m;
    const side = byColumns ? n : m;
    const tile = byColumns ? NR : MR;
    const perThread = m * n * depth >= TWO_SHARES_FROM ? 2 : 1;
    const share = Math.ceil(side / (perThread * threads) / tile) * tile;
    const shares = Math.ceil(side / share);
    if (shares < 2) {
      k.gemm(m, n, depth, a, ars, acs, b, brs, bcs, c, crs, ccs, accumulate, work);
      return;
    }
    const parts = Math.min(threads, shares);
    writeJob(this.job, shares, share, side, byColumns, [
      m,
      n,
      depth,
      a,
      ars,
      acs,
      b,
      brs,
      bcs,
      c,
      crs,
      ccs,
      accumulate,
    ]);
    const seq = ++this.seq | 0;
    const poll = this.poll();
    for (let w = 1; w < parts; w++) {
      const base = (w - 1) * SLOT_INTS;
      const ctl = this.ctl;
      ctl[base + POLL] = poll;
      ctl[base + OP] = OP_SPLIT;
      ctl[base + ARGS] = this.jobAddress;
      ctl[base + ARGS + 1] = this.works[w - 1];
      ctl[base + CLAIM] = seq;
      Atomics.store(ctl, base + SEQ, seq);
      Atomics.notify(ctl, base + SEQ);
    }
    let error: unknown;
    const own = clock.now();
    try {
      runShares(this.job, k.gemm as GemmFn, work);
    } catch (e) {
      error = e;
    }
    const failed = this.await(parts, seq, own);
    if (error !== undefined) throw error;
    if (failed) throw new BackendError('wasm', 'a gemm worker failed');
  }

  /** How long workers poll after the kernel being posted (one call per threaded kernel). */
  private poll(): number {
    if (this.busyFor > 0) {
      this.busyFor--;
      return Math.min(this.spin, BUSY_POLL_MICROSECONDS);
    }
    return this.spin;
  }

  /**
   * Waits for workers 1..parts-1 to finish job `seq`; whether one of them failed. A worker that has not
   * claimed the job yet (still asleep, or descheduled on a busy machine) is cancelled instead of waited
   * for: `takeOver(w)` then does its part here (nothing for split gemms and job queues, which the calling
   * thread has already emptied), so a late worker never holds the caller up.
   */
  private await(parts: number, seq: number, own: number, takeOver?: (w: number) => void): boolean {
    let failed = false;
    const heldUp = Math.max(HELD_UP_MS, clock.now() - own);
    for (let w = 1; w < parts; w++) {
      const base = (w - 1) * SLOT_INTS;
      if (Atomics.compareExchange(this.ctl, base + CLAIM, seq, ~seq) === seq) {
        takeOver?.(w);
        continue;
      }
      let start = -1;
      for (;;) {
        const done = Atomics.load(this.ctl, base + DONE);
        if (done === seq) break;
        if (start < 0) start = clock.now();
        Atomics.wait(this.ctl, base + DONE, done);
      }
      if (start >= 0 && clock.now() - start > heldUp) this.busyFor = BUSY_KERNELS;
      if (this.ctl[base + STATUS] !== 0) failed = true;
    }
    return failed;
  }

  private view(at: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer as unknown as SharedArrayBuffer, at, length);
  }

  /**
   * Runs lists of kernel calls in parallel: lists[0] on the calling thread, lists[i] on worker i - 1; each
   * call is [an FN_ code, ...arguments]. `scratch` gives the bytes for the workers' call lists.
   */
  runCalls(
    k: KernelExports,
    lists: readonly (readonly number[])[][],
    scratch: (bytes: number) => number,
  ): void {
    const parts = this.stopped ? 1 : Math.min(lists.length, this.threads);
    const seq = ++this.seq | 0;
    const addresses: number[] = [];
    const poll = this.poll();
    for (let w = 1; w < parts; w++) addresses.push(scratch((1 + lists[w].length * CALL_INTS) * 4));
    // Views after the last allocation (it may have grown the memory).
    for (let w = 1; w < parts; w++) {
      const list = lists[w];
      const at = addresses[w - 1];
      const view = this.view(at, 1 + list.length * CALL_INTS);
      view[0] = list.length;
      for (let i = 0; i < list.length; i++) {
        const call = list[i];
        for (let j = 0; j < call.length; j++) view[1 + i * CALL_INTS + j] = call[j];
      }
      const base = (w - 1) * SLOT_INTS;
      this.ctl[base + POLL] = poll;
      this.ctl[base + OP] = OP_CALLS;
      this.ctl[base + ARGS] = at;
      this.ctl[base + CLAIM] = seq;
      Atomics.store(this.ctl, base + SEQ, seq);
      Atomics.notify(this.ctl, base + SEQ);
    }
    let error: unknown;
    const own = clock.now();
    try {
      // List 0, and any lists beyond the workers, run here.
      for (let w = 0; w < lists.length; w++) {
        if (w === 0 || w >= parts) for (const call of lists[w]) runCall(k, call);
      }
    } catch (e) {
      error = e;
    }
    // A worker that has not started yet is cancelled and its list runs here.
    const failed = this.await(parts, seq, own, (w) => {
      if (error !== undefined) return;
      try {
        for (const call of lists[w]) runCall(k, call);
      } catch (e) {
        error = e;
      }
    });
    if (error !== undefined) throw error;
    if (failed) throw new BackendError('wasm', 'a kernel call in a worker failed');
  }

  /**
   * Runs a queue of independent jobs (perJob calls each, [fn, relocation mask, ...arguments], see
   * protocol.ts) on every thread, each taking the next job until none are left; `table[t]` holds thread t's
   * resources (its column buffer, gemm workspace), which relocated arguments are offsets into.
   */
  runJobs(
    k: KernelExports,
    perJob: number,
    table: readonly (readonly number[])[],
    calls: readonly (readonly number[])[],
    scratch: (bytes: number) => number,
  ): void {
    const jobs = calls.length / perJob;
    const parts = this.stopped ? 1 : Math.min(jobs, this.threads, table.length);
    const at = scratch(queueWords(jobs, perJob, table[0].length, table.length) * 4);
    const q = this.view(at, queueWords(jobs, perJob, table[0].length, table.length));
    writeQueue(q, perJob, table, calls);
    const seq = ++this.seq | 0;
    const poll = this.poll();
    for (let w = 1; w < parts; w++) {
      const base = (w - 1) * SLOT_INTS;
      this.ctl[base + POLL] = poll;
      this.ctl[base + OP] = OP_JOBS;
      this.ctl[base + ARGS] = at;
      this.ctl[base + ARGS + 1] = w;
      this.ctl[base + CLAIM] = seq;
      Atomics.store(this.ctl, base + SEQ, seq);
      Atomics.notify(this.ctl, base + SEQ);
    }
    let error: unknown;
    const own = clock.now();
    try {
      runQueue(q, 0, fnTable(k));
    } catch (e) {
      error = e;
    }
    const failed = this.await(parts, seq, own);
    if (error !== undefined) throw error;
    if (failed) throw new BackendError('wasm', 'a kernel call in a worker failed');
  }

  /** Stops and terminates the workers; gemm runs on the calling thread afterwards. */
  terminate(): void {
    if (this.stopped) return;
    this.stopped = true;
    const seq = ++this.seq | 0;
    for (let w = 0; w < this.handles.length; w++) {
      const base = w * SLOT_INTS;
      this.ctl[base + OP] = OP_STOP;
      this.ctl[base + CLAIM] = seq;
      Atomics.store(this.ctl, base + SEQ, seq);
      Atomics.notify(this.ctl, base + SEQ);
    }
    for (const h of this.handles) h.terminate();
  }

  /** Address of the control slots (for tests). */
  get controlBlock(): number {
    return this.slots;
  }

  /** Worker w's gemm workspace (w >= 1; thread 0 uses the runtime's own). */
  workspace(w: number): number {
    return this.works[w - 1];
  }

  /** Whether a product of m·n·k multiply-adds is worth splitting. */
  worthSplitting(work: number): boolean {
    return !this.stopped && this.threads > 1 && work >= this.minWork;
  }
}

/** The module's functions by FN_ code (protocol.ts). */
function fnTable(k: KernelExports): GemmFn[] {
  const table = k as unknown as Record<string, GemmFn>;
  return FN_EXPORTS.map((name) => table[name]);
}

function runCall(k: KernelExports, call: readonly number[]): void {
  callFn(fnTable(k), call[0], call.slice(1));
}
