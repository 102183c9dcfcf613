// A gemm worker of the threaded wasm backend (built to dist/worker.js; the main thread starts it from
// there, never from source). It instantiates the same kernel module over the backend's shared memory,
// answers { ready: true }, then blocks in Atomics.wait on its control slot and runs each job it is handed
// (shares of a split gemm, or a list of im2col/gemm calls) until told to stop or terminated.
// Runs under Node's worker_threads and as a browser module Worker.

import {
  ARGS,
  CALL_INTS,
  DONE,
  FN_GEMM,
  JOB_INTS,
  OP,
  OP_CALLS,
  OP_JOBS,
  OP_SPLIT,
  OP_STOP,
  runQueue,
  runShares,
  SEQ,
  SLOT_INTS,
  STATUS,
  type WorkerInit,
  type WorkerReady,
} from './protocol.js';

type Gemm = (...args: number[]) => void;
interface WasmApi {
  instantiate(module: object, imports: object): Promise<{ exports: Record<string, unknown> }>;
}

async function start(init: WorkerInit, post: (msg: WorkerReady) => void): Promise<void> {
  let gemm: Gemm;
  let im2col: Gemm;
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
    gemm = instance.exports.gemm as Gemm;
    im2col = instance.exports.imageToColumns as Gemm;
  } catch (e) {
    post({ ready: false, error: String(e) });
    return;
  }
  // The slot sits below every tensor, so a view of the buffer as it is now stays valid after growth.
  const ctl = new Int32Array(init.memory.buffer as SharedArrayBuffer, init.slot, SLOT_INTS);
  // Read the job counter before answering: the first job may be posted the moment the answer arrives.
  let seen = Atomics.load(ctl, SEQ);
  post({ ready: true });
  for (;;) {
    Atomics.wait(ctl, SEQ, seen);
    const seq = Atomics.load(ctl, SEQ);
    if (seq === seen) continue;
    seen = seq;
    if (ctl[OP] === OP_STOP) return;
    try {
      if (ctl[OP] === OP_SPLIT) {
        const job = new Int32Array(init.memory.buffer as SharedArrayBuffer, ctl[ARGS] >>> 0, JOB_INTS);
        runShares(job, gemm, ctl[ARGS + 1]);
      } else if (ctl[OP] === OP_JOBS) {
        const words = new Int32Array(init.memory.buffer as SharedArrayBuffer, ctl[ARGS] >>> 0);
        runQueue(words, ctl[ARGS + 1], gemm, im2col);
      } else if (ctl[OP] === OP_CALLS) {
        const list = new Int32Array(init.memory.buffer as SharedArrayBuffer, ctl[ARGS] >>> 0);
        const calls = list[0];
        for (let i = 0, p = 1; i < calls; i++, p += CALL_INTS) {
          const a = list.subarray(p + 1, p + CALL_INTS);
          if (list[p] === FN_GEMM) {
            gemm(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13]);
          } else {
            im2col(a[0], a[1], a[2], a[3], a[4], a[5]);
          }
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
