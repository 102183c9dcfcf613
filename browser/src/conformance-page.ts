// The conformance page: runs @libml/conformance (its published dist, with 'vitest' mapped to
// ./vitest-shim.ts by the bundler) against one backend in the browser, and leaves the result on
// globalThis.__libml for the test driver. ?backend=cpu|wasm|wasm-threads|webgpu, &ops=a,b (only those
// ops), &onnx=0 (no ONNX node tests). wasm-threads runs in a module Worker (Atomics.wait may not block a
// page's main thread), the others on the page's main thread.

import '@libml/backend-cpu';
import { WasmBackend } from '@libml/backend-wasm';
import { WebGpuBackend } from '@libml/backend-webgpu';
import { type ConformanceReport, type Expectation, reportMarkdown, runConformance } from '@libml/conformance';
import { findBackend, registerBackend } from '@libml/core';
import { SWIFTSHADER_EXPECTATIONS } from './expectations.js';
import { collected, leaveOut, type RunSummary, run } from './vitest-shim.js';

export const BACKENDS = ['cpu', 'wasm', 'wasm-threads', 'webgpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface PageConfig {
  readonly backend: BackendName;
  readonly ops?: string[];
  readonly onnx: boolean;
  /** Op suites and ONNX ops to leave out (by name). */
  readonly skip?: string[];
  /** webgpu only: the backend's `tiles` option (default: the backend's own choice, 'auto'). */
  readonly tiles?: 'auto' | 'gpu' | 'cpu';
}

export interface PageResult {
  readonly config: PageConfig;
  readonly environment: {
    readonly userAgent: string;
    readonly crossOriginIsolated: boolean;
    readonly inWorker: boolean;
    readonly hardwareConcurrency: number;
  };
  /** What the backend says about itself: the adapter (webgpu), threads and SIMD build (wasm). */
  readonly backendInfo: Record<string, unknown>;
  /** The browser-side test run: every vitest-style test the suite registered. */
  readonly run: RunSummary;
  readonly report: ConformanceReport | null;
  readonly markdown: string;
}

interface Progress {
  done: number;
  total: number;
  last?: string;
}

type Message =
  | { kind: 'progress'; progress: Progress }
  | { kind: 'done'; result: PageResult }
  | { kind: 'error'; error: string };

interface PageState {
  progress: Progress;
  result?: PageResult;
  error?: string;
}

const scope = globalThis as typeof globalThis & {
  __libml?: PageState;
  WorkerGlobalScope?: unknown;
  document?: Document;
};
const inWorker = typeof scope.WorkerGlobalScope !== 'undefined' && typeof scope.document === 'undefined';

function configFrom(search: string): PageConfig {
  const params = new URLSearchParams(search);
  const backend = (params.get('backend') ?? 'cpu') as BackendName;
  if (!BACKENDS.includes(backend)) throw new Error(`unknown backend '${backend}' (${BACKENDS.join(', ')})`);
  const ops = params.get('ops')?.split(',').filter(Boolean);
  const tiles = params.get('tiles') as PageConfig['tiles'] | null;
  const skip = params.get('skip')?.split(',').filter(Boolean);
  return {
    backend,
    ...(ops ? { ops } : {}),
    onnx: params.get('onnx') !== '0',
    ...(tiles ? { tiles } : {}),
    ...(skip ? { skip } : {}),
  };
}

function backendInfo(name: BackendName): Record<string, unknown> {
  const b = findBackend(name);
  if (b instanceof WebGpuBackend) return { adapter: b.adapter, tiles: b.gpu().tiles };
  if (b instanceof WasmBackend)
    return { simd: b.simd, threads: b.threads, threadsFallback: b.threadsFallback };
  return {};
}

/** Registers the suite for `config` and runs it, reporting progress. */
async function runHere(config: PageConfig, progress: (p: Progress) => void): Promise<PageResult> {
  if (config.backend === 'wasm-threads') {
    // As in the Node run: two threads and no size threshold, so every gemm and convolution splits.
    registerBackend(
      'wasm-threads',
      () => new WasmBackend({ threads: 2, minParallelWork: 0 }, 'wasm-threads'),
      0,
    );
  }
  if (config.backend === 'webgpu' && config.tiles) {
    // Same name and priority as the package's own registration, with the tile configuration asked for.
    const tiles = config.tiles;
    registerBackend('webgpu', () => new WebGpuBackend({ tiles }), 2);
  }
  // Known failures apply only where they were seen: webgpu on SwiftShader.
  let expectations: readonly Expectation[] = [];
  if (config.backend === 'webgpu') {
    type Gpu = { requestAdapter(): Promise<{ info: { architecture: string } } | null> };
    const adapter = await (navigator as Navigator & { gpu?: Gpu }).gpu?.requestAdapter();
    if (adapter?.info.architecture === 'swiftshader') expectations = SWIFTSHADER_EXPECTATIONS;
  }
  if (config.skip) leaveOut(config.skip);
  let report: ConformanceReport | null = null;
  let info: Record<string, unknown> = {};
  runConformance({
    backend: config.backend,
    ...(config.backend === 'webgpu' ? { capabilities: { float64: false } } : {}),
    ...(config.ops ? { ops: config.ops } : {}),
    onnx: config.onnx,
    expectations,
    writeReport: (r) => {
      report = r;
      info = backendInfo(config.backend);
    },
  });
  const total = collected();
  const summary = await run({
    onResult: (r, done) => progress({ done, total, last: `${r.status} ${r.name}` }),
  });
  const final = report as ConformanceReport | null;
  return {
    config,
    environment: {
      userAgent: navigator.userAgent,
      crossOriginIsolated: scope.crossOriginIsolated === true,
      inWorker,
      hardwareConcurrency: navigator.hardwareConcurrency,
    },
    backendInfo: info,
    run: summary,
    report: final,
    markdown: final ? reportMarkdown(final) : '',
  };
}

const errorText = (e: unknown) => (e as Error)?.stack ?? String(e);

if (inWorker) {
  // The worker side: the page posts the config, the worker posts progress and the result.
  const post = (m: Message) => (scope as unknown as { postMessage(m: Message): void }).postMessage(m);
  scope.addEventListener('message', (event) => {
    const config = (event as MessageEvent<PageConfig>).data;
    runHere(config, (progress) => post({ kind: 'progress', progress })).then(
      (result) => post({ kind: 'done', result }),
      (e) => post({ kind: 'error', error: errorText(e) }),
    );
  });
} else {
  const state: PageState = { progress: { done: 0, total: 0 } };
  scope.__libml = state;
  const status = document.getElementById('status');
  const show = () => {
    if (!status) return;
    const { done, total, last } = state.progress;
    status.textContent = state.error
      ? `error: ${state.error}`
      : state.result
        ? `done: ${state.result.run.passed} passed, ${state.result.run.failed} failed`
        : `${done} / ${total} ${last ?? ''}`;
  };
  const finish = (result?: PageResult, error?: string) => {
    if (result) state.result = result;
    if (error) state.error = error;
    show();
  };
  try {
    const config = configFrom(location.search);
    if (config.backend === 'wasm-threads') {
      const worker = new Worker(new URL(import.meta.url), { type: 'module' });
      worker.onmessage = (event: MessageEvent<Message>) => {
        const m = event.data;
        if (m.kind === 'progress') {
          state.progress = m.progress;
          show();
        } else if (m.kind === 'done') finish(m.result);
        else finish(undefined, m.error);
      };
      worker.onerror = (event) => finish(undefined, `worker error: ${event.message}`);
      worker.postMessage(config);
    } else {
      runHere(config, (p) => {
        state.progress = p;
        show();
      }).then(
        (result) => finish(result),
        (e) => finish(undefined, errorText(e)),
      );
    }
  } catch (e) {
    finish(undefined, errorText(e));
  }
}
