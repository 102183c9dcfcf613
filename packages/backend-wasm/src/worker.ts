// A gemm worker of the threaded wasm backend (built to dist/worker.js; the main thread starts it from
// there, never from source). It instantiates the same kernel module over the backend's shared memory,
// answers { ready: true }, then blocks in Atomics.wait on its control slot and runs each job it is handed
// (shares of a split gemm, or a list of kernel calls: gemm, im2col, softmax rows, fused chunks, ...) until told to stop or terminated.
// Runs under Node's worker_threads and as a browser module Worker.

import {
  ARGS,
  CALL_INTS,
  CLAIM,
  callFn,
  DONE,
  FN_EXPORTS,
  FN_GEMM,
  type GemmFn,
  JOB_INTS,
  OP,
  OP_CALLS,
  OP_JOBS,
  OP_SPLIT,
  OP_STOP,
  POLL,
  runQueue,
  runShares,
  SEQ,
  SLOT_INTS,
  STATUS,
  type WorkerInit,
  type WorkerReady,
} from './protocol.js';

interface WasmApi {
  instantiate(module: object, imports: object): Promise<{ exports: Record<string, unknown> }>;
}

/** Microseconds a worker polls its job counter before it sleeps until its first job tells it (POLL). */
const SPIN_MICROSECONDS = 50;

/** Polls the job counter for up to `micros` microseconds; whether a new job arrived. */
function spinFor(ctl: Int32Array, seen: number, micros: number): boolean {
  if (micros <= 0) return false;
  const clock = (globalThis as unknown as { performance: { now(): number } }).performance;
  const end = clock.now() + micros / 1000;
  for (;;) {
    for (let i = 0; i < 64; i++) if (Atomics.load(ctl, SEQ) !== seen) return true;
    if (clock.now() >= end) return false;
  }
}

async function start(init: WorkerInit, post: (msg: WorkerReady) => void): Promise<void> {
  let fns: GemmFn[];
  try {
    const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const instance = await api.instantiate(init.module, {
      env: {
        memory: init.memory,
        abort: () => {
          throw new Error('backend-wasm: kernel aborted');
        },
      },
    });
    fns = FN_EXPORTS.map((name) => instance.exports[name] as GemmFn);
  } catch (e) {
    post({ ready: false, error: String(e) });
    return;
  }
  // The slot sits below every tensor, so a view of the buffer as it is now stays valid after growth.
  const ctl = new Int32Array(init.memory.buffer as SharedArrayBuffer, init.slot, SLOT_INTS);
  // Read the job counter before answering: the first job may be posted the moment the answer arrives.
  let seen = Atomics.load(ctl, SEQ);
  let spin = init.spin ?? SPIN_MICROSECONDS;
  post({ ready: true });
  for (;;) {
    // Spin a little before sleeping: kernels come in bursts (a training step, a benchmark loop), and a
    // worker that is still awake starts the next job at once instead of after a futex wake-up (tens of
    // microseconds, which is a large part of a 256x256 matmul's share).
    if (!spinFor(ctl, seen, spin)) Atomics.wait(ctl, SEQ, seen);
    const seq = Atomics.load(ctl, SEQ);
    if (seq === seen) continue;
    seen = seq;
    if (Atomics.compareExchange(ctl, CLAIM, seq, ~seq) !== seq) {
      // Cancelled (the calling thread did this part itself) or superseded: nothing to do.
      Atomics.store(ctl, DONE, seq);
      Atomics.notify(ctl, DONE);
      continue;
    }
    if (ctl[OP] === OP_STOP) return;
    spin = ctl[POLL];
    try {
      if (ctl[OP] === OP_SPLIT) {
        const job = new Int32Array(init.memory.buffer as SharedArrayBuffer, ctl[ARGS] >>> 0, JOB_INTS);
        runShares(job, fns[FN_GEMM], ctl[ARGS + 1]);
      } else if (ctl[OP] === OP_JOBS) {
        const words = new Int32Array(init.memory.buffer as SharedArrayBuffer, ctl[ARGS] >>> 0);
        runQueue(words, ctl[ARGS + 1], fns);
      } else if (ctl[OP] === OP_CALLS) {
        const list = new Int32Array(init.memory.buffer as SharedArrayBuffer, ctl[ARGS] >>> 0);
        const calls = list[0];
        for (let i = 0, p = 1; i < calls; i++, p += CALL_INTS) {
          callFn(fns, list[p], list.subarray(p + 1, p + CALL_INTS));
        }
      }
      ctl[STATUS] = 0;
    } catch {
      ctl[STATUS] = 1;
    }
    Atomics.store(ctl, DONE, seq);
    Atomics.notify(ctl, DONE);
  }
}

interface NodeHost {
  readonly process?: { readonly versions?: { readonly node?: string } };
}
interface Port {
  once(event: 'message', listener: (msg: WorkerInit) => void): void;
  postMessage(msg: unknown): void;
}
interface BrowserWorkerScope {
  onmessage: ((event: { data: WorkerInit }) => void) | null;
  postMessage(msg: unknown): void;
}

if ((globalThis as NodeHost).process?.versions?.node) {
  const spec = 'node:worker_threads';
  const { parentPort } = (await import(/* @vite-ignore */ spec)) as { parentPort: Port };
  parentPort.once('message', (init) => void start(init, (msg) => parentPort.postMessage(msg)));
} else {
  const scope = globalThis as unknown as BrowserWorkerScope;
  scope.onmessage = (event) => {
    scope.onmessage = null;
    void start(event.data, (msg) => scope.postMessage(msg));
  };
}
