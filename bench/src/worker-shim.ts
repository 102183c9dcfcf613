// A global `Worker` stand-in (the browser Web Worker API) over node:worker_threads, for libraries that
// spawn their wasm threads from a Blob URL (jax-js). Node 20 has no global Worker.
//
// The blob's source is read asynchronously, so each worker starts with a bootstrap that waits for the
// source as its first message, evaluates it with `self`/`postMessage` defined, then delivers later
// messages to `self.onmessage`. Messages posted before the source arrives are queued.

import { resolveObjectURL } from 'node:buffer';
import { Worker as ThreadWorker } from 'node:worker_threads';

const BOOTSTRAP = `
const { parentPort } = require('node:worker_threads');
globalThis.self = globalThis;
globalThis.postMessage = (data) => parentPort.postMessage(data);
let started = false;
parentPort.on('message', (data) => {
  if (!started) {
    started = true;
    (0, eval)(data.source);
    return;
  }
  if (typeof self.onmessage === 'function') self.onmessage({ data });
});
`;

interface MessageEventLike {
  data: unknown;
}

class NodeWorker {
  onmessage: ((e: MessageEventLike) => void) | null = null;
  onerror: ((e: { message: string }) => void) | null = null;
  private readonly thread: ThreadWorker;
  private queue: unknown[] | null = [];

  constructor(url: string | URL) {
    this.thread = new ThreadWorker(BOOTSTRAP, { eval: true });
    this.thread.unref();
    this.thread.on('message', (data: unknown) => this.onmessage?.({ data }));
    this.thread.on('error', (err: Error) => this.onerror?.({ message: err.message }));
    const blob = resolveObjectURL(String(url));
    if (!blob) throw new Error(`Worker stand-in: only blob: URLs are supported (got ${String(url)})`);
    void blob.text().then((source) => {
      this.thread.postMessage({ source });
      for (const m of this.queue!) this.thread.postMessage(m);
      this.queue = null;
    });
  }

  postMessage(data: unknown): void {
    if (this.queue) this.queue.push(data);
    else this.thread.postMessage(data);
  }

  terminate(): void {
    void this.thread.terminate();
  }
}

export function installWorkerShim(): void {
  const g = globalThis as { Worker?: unknown };
  if (typeof g.Worker === 'undefined') g.Worker = NodeWorker;
}
