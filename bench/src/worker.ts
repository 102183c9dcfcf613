// One process per library/backend: load the library (timed as start-up), then for each workload prepare
// the inputs, warm up, time repeated iterations (each reads its outputs back to JS) and report to the
// runner over IPC. Peak memory is sampled along the way.

import { type Checksum, checksum, type Readback } from './data.js';
import type { Library, LibraryModule, WorkerArgs, WorkerMessage, WorkloadResult } from './types.js';
import { type WorkloadSpec, workloadById } from './workloads.js';

const modules: Record<string, () => Promise<LibraryModule>> = {
  libml: () => import('./libs/libml.js'),
  tfjs: () => import('./libs/tfjs.js'),
  ort: () => import('./libs/ort.js'),
  jax: () => import('./libs/jax.js'),
};

function send(msg: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send) process.send(msg, () => resolve());
    else {
      process.stdout.write(`${JSON.stringify(msg)}\n`);
      resolve();
    }
  });
}

const peak = { rss: 0, heap: 0, external: 0 };
function sampleMemory(): void {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heap = Math.max(peak.heap, m.heapUsed);
  peak.external = Math.max(peak.external, m.external + m.arrayBuffers);
}

/** Full runs warm each workload up for at least this long (and at least `warmup` iterations)... */
const WARMUP_MS = 300;
/** ...but never for more iterations than this. */
const MAX_WARMUP = 1000;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function measure(lib: Library, spec: WorkloadSpec, quick: boolean): Promise<WorkloadResult> {
  const impl = lib.workloads[spec.id];
  if (!impl) {
    return { workload: spec.id, status: 'n/a', reason: lib.unsupported?.[spec.id] ?? 'not implemented' };
  }
  const before = lib.memory?.().tensors;
  const prepared = await impl();
  try {
    const warmup = quick ? Math.min(spec.warmup, spec.id === 'add-small-latency' ? 5 : 1) : spec.warmup;
    const reps = quick ? (spec.id === 'add-small-latency' ? 30 : 3) : spec.reps;
    const budget = quick ? Math.min(spec.budgetMs, 1500) : spec.budgetMs;
    let first: Readback[] | undefined;
    // At least `warmup` iterations and WARMUP_MS of them (full runs): engines compile hot code in tiers
    // (V8 runs wasm on Liftoff until a function has been hot for a while, and TurboFan compiles on a
    // background thread), and a library's first calls after that still tune and fill caches.
    const warmStart = performance.now();
    for (
      let i = 0;
      i < warmup || (!quick && i < MAX_WARMUP && performance.now() - warmStart < WARMUP_MS);
      i++
    ) {
      const out = await prepared.run();
      first ??= out;
      sampleMemory();
    }
    const times: number[] = [];
    const start = performance.now();
    while (times.length < reps) {
      const t0 = performance.now();
      const out = await prepared.run();
      times.push(performance.now() - t0);
      first ??= out;
      sampleMemory();
      if (times.length >= 3 && performance.now() - start > budget) break;
    }
    const checks: Checksum[] = first!.map(checksum);
    return {
      workload: spec.id,
      status: 'ok',
      times,
      median: median(times),
      min: Math.min(...times),
      max: Math.max(...times),
      reps: times.length,
      checks,
    };
  } finally {
    prepared.dispose?.();
    const after = lib.memory?.().tensors;
    if (before !== undefined && after !== undefined && after !== before) {
      // Reported through the result below by the caller.
      leaks.set(spec.id, after - before);
    }
  }
}
const leaks = new Map<string, number>();

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as WorkerArgs;
  const load = modules[args.lib];
  if (!load) throw new Error(`unknown library '${args.lib}'`);
  sampleMemory();
  const t0 = performance.now();
  const lib = await (await load()).load(args.backend);
  const startupMs = performance.now() - t0;
  sampleMemory();
  await send({ type: 'ready', startupMs, version: lib.version, ...(lib.info ? { info: lib.info } : {}) });
  for (const id of args.workloads) {
    const spec = workloadById(id);
    let result: WorkloadResult;
    try {
      result = await measure(lib, spec, args.quick);
    } catch (e) {
      result = { workload: id, status: 'error', reason: errorText(e) };
    }
    const leaked = leaks.get(id);
    if (leaked) result.leakedTensors = leaked;
    await send({ type: 'result', result });
  }
  sampleMemory();
  const mib = (b: number) => b / 2 ** 20;
  // maxRSS covers native allocations between samples (kibibytes on Linux).
  const maxRss = Math.max(peak.rss, process.resourceUsage().maxRSS * 1024);
  await send({
    type: 'done',
    peakRssMiB: mib(maxRss),
    peakHeapMiB: mib(peak.heap),
    peakExternalMiB: mib(peak.external),
  });
}

export function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0]!.slice(0, 300);
}

main().then(
  // Native backends (Dawn, worker pools) can keep the event loop alive: leave explicitly.
  () => process.exit(0),
  async (e) => {
    await send({ type: 'fatal', error: errorText(e) });
    process.exit(1);
  },
);
