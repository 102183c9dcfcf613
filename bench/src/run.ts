// `pnpm bench`: runs every selected implementation in its own child process (one per library/backend),
// collects the medians and checksums, cross-checks them against libml cpu, and writes
// results/latest.json and results/latest.md (or to --out).
//
//   node dist/run.js [--quick] [--backend cpu|wasm|webgpu|<impl id>,...] [--lib libml,tfjs,...]
//                    [--workload matmul|conv2d-nhwc|...] [--out DIR] [--timeout SECONDS]

import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { IMPLEMENTATIONS, type Implementation } from './impls.js';
import { buildReport, type ImplRun, type Machine, renderMarkdown } from './report.js';
import type { WorkerArgs, WorkerMessage, WorkloadResult } from './types.js';
import { benchDir } from './util.js';
import { selectWorkloads, type WorkloadSpec } from './workloads.js';

const USAGE = `usage: pnpm bench [-- --quick] [--backend cpu|wasm|webgpu|<id>[,..]] [--lib libml|tfjs|ort|jax[,..]]
                  [--workload <group|id>[,..]] [--out DIR] [--timeout SECONDS]
implementations: ${IMPLEMENTATIONS.map((i) => i.id).join(', ')}`;

function selectImpls(backend: string | undefined, lib: string | undefined): Implementation[] {
  const bs = backend?.split(',').map((s) => s.trim());
  const ls = lib?.split(',').map((s) => s.trim());
  return IMPLEMENTATIONS.filter(
    (i) => (!bs || bs.includes(i.class) || bs.includes(i.id)) && (!ls || ls.includes(i.lib)),
  );
}

function runImpl(
  impl: Implementation,
  workloads: WorkloadSpec[],
  quick: boolean,
  timeoutMs: number,
): Promise<ImplRun> {
  const run: ImplRun = { impl, status: 'ok', results: [] };
  const args: WorkerArgs = {
    lib: impl.lib,
    backend: impl.backend,
    workloads: workloads.map((w) => w.id),
    quick,
  };
  const t0 = performance.now();
  return new Promise((done) => {
    const child = fork(join(benchDir(), 'dist', 'worker.js'), [JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: [],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.stdout?.on('data', () => {});
    let finished = false;
    const timer = setTimeout(() => {
      run.status = 'error';
      run.error = `timed out after ${Math.round(timeoutMs / 1000)} s`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'ready') {
        run.startupMs = msg.startupMs;
        run.version = msg.version;
        if (msg.info) run.info = msg.info;
        process.stderr.write(`  ${impl.id} ${msg.version} ready in ${msg.startupMs.toFixed(0)} ms\n`);
      } else if (msg.type === 'result') {
        run.results.push(msg.result);
        const r = msg.result;
        process.stderr.write(
          `    ${r.workload}: ${r.status === 'ok' ? `${r.median!.toFixed(3)} ms median of ${r.reps}` : `${r.status}: ${r.reason}`}\n`,
        );
      } else if (msg.type === 'done') {
        finished = true;
        run.memory = {
          peakRssMiB: msg.peakRssMiB,
          peakHeapMiB: msg.peakHeapMiB,
          peakExternalMiB: msg.peakExternalMiB,
        };
      } else if (msg.type === 'fatal') {
        run.status = 'error';
        run.error = msg.error;
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      run.wallMs = performance.now() - t0;
      if (!finished && run.status === 'ok') {
        run.status = 'error';
        const tail = stderr.trim().split('\n').slice(-3).join(' ').slice(0, 300);
        run.error = `process exited (${signal ?? code}) before finishing${tail ? `: ${tail}` : ''}`;
      }
      // Workloads that never reported (crash or timeout) are listed as errors, not dropped.
      for (const w of workloads)
        if (!w.planned && !run.results.some((r) => r.workload === w.id))
          run.results.push({ workload: w.id, status: 'error', reason: run.error ?? 'no result' });
      done(run);
    });
  });
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Adds another process's run of the same workload to `into`: the cell becomes the median of the
 * processes' medians (one process that met a busy spell of the machine moves it less than pooling every
 * iteration would); min and max span every iteration.
 */
function mergeResult(into: WorkloadResult, more: WorkloadResult): void {
  if (into.status !== 'ok') return;
  if (more.status !== 'ok' || !more.times) {
    // Counted, and named in the report's notes, not dropped silently.
    into.failedProcesses = [...(into.failedProcesses ?? []), `${more.status}: ${more.reason ?? 'no result'}`];
    return;
  }
  if (!into.times) return;
  into.processMedians ??= [into.median!];
  into.processMedians.push(more.median!);
  into.times = [...into.times, ...more.times];
  into.median = median(into.processMedians);
  into.min = Math.min(into.min!, more.min!);
  into.max = Math.max(into.max!, more.max!);
  into.reps = into.times.length;
  into.processes = into.processMedians.length;
  if (more.leakedTensors) into.leakedTensors = (into.leakedTensors ?? 0) + more.leakedTensors;
}

/**
 * The extra processes of workloads with `processes > 1` (and every process of `isolated` ones): round after
 * round, each implementation that ran the workload runs it alone in a fresh process (implementations
 * alternate, so a slow spell of the machine does not land on one of them only).
 */
async function extraRounds(runs: ImplRun[], workloads: WorkloadSpec[], timeoutMs: number): Promise<void> {
  // Round r is a workload's process r + 1, or process r for an isolated one (it had none in the main pass).
  const last = (w: WorkloadSpec) => (w.processes ?? 1) - (w.isolated ? 0 : 1);
  const rounds = Math.max(0, ...workloads.map(last));
  for (let round = 1; round <= rounds; round++) {
    for (const run of runs) {
      const ran = (w: WorkloadSpec) =>
        run.results.some((r) => r.workload === w.id && r.status === 'ok' && r.times);
      const ws = workloads.filter((w) => round <= last(w) && (ran(w) || (w.isolated && round === 1)));
      if (run.status !== 'ok' || ws.length === 0) continue;
      // The others share a process; each isolated workload gets one to itself.
      const groups = [ws.filter((w) => !w.isolated), ...ws.filter((w) => w.isolated).map((w) => [w])];
      for (const group of groups.filter((g) => g.length > 0)) {
        process.stderr.write(`${run.impl.id}: process for ${group.map((w) => w.id).join(', ')}\n`);
        const extra = await runImpl(run.impl, group, false, timeoutMs);
        for (const r of extra.results) {
          const into = run.results.find((x) => x.workload === r.workload);
          if (into) mergeResult(into, r);
          else run.results.push(r);
        }
      }
    }
  }
}

function machineInfo(runs: ImplRun[], loadAtStart: number): Machine {
  const cpus = os.cpus();
  const adapter = runs.find((r) => r.info?.adapter)?.info?.adapter;
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    ...(adapter ? { adapter } : {}),
    loadAverage: [loadAtStart, os.loadavg()[0]!],
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      backend: { type: 'string' },
      lib: { type: 'string' },
      workload: { type: 'string' },
      out: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const quick = values.quick!;
  const workloads = selectWorkloads(values.workload, quick);
  const impls = selectImpls(values.backend, values.lib);
  if (workloads.length === 0 || impls.length === 0) {
    console.error(`nothing selected\n${USAGE}`);
    process.exit(2);
  }
  const timeoutMs = (Number(values.timeout) || (quick ? 180 : 420)) * 1000;
  const runnable = workloads.filter((w) => !w.planned);
  const t0 = performance.now();
  const loadAtStart = os.loadavg()[0]!;
  const runs: ImplRun[] = [];
  for (const impl of impls) {
    if (impl.planned) {
      runs.push({ impl, status: 'planned', error: impl.planned, results: [] });
      continue;
    }
    process.stderr.write(`${impl.id}: ${runnable.length} workload(s)\n`);
    // Isolated workloads get processes of their own (extraRounds), except in --quick runs.
    const own = (w: WorkloadSpec) => !quick && w.isolated;
    const run = await runImpl(
      impl,
      runnable.filter((w) => !own(w)),
      quick,
      timeoutMs,
    );
    // A failed main process gets no extra ones: its isolated workloads get an error row, as the others do.
    if (run.status === 'error') {
      for (const w of runnable.filter(own)) {
        run.results.push({ workload: w.id, status: 'error', reason: `not attempted: ${run.error}` });
      }
    }
    runs.push(run);
  }
  if (!quick) await extraRounds(runs, runnable, timeoutMs);
  const report = buildReport(runs, machineInfo(runs, loadAtStart), {
    quick,
    args: argv,
    totalWallMs: performance.now() - t0,
    workloads,
  });
  const outDir = resolve(values.out ?? join(benchDir(), 'results'));
  mkdirSync(outDir, { recursive: true });
  const md = renderMarkdown(report);
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outDir, 'latest.md'), md);
  console.log(md);
  console.error(`wrote ${join(outDir, 'latest.md')} and latest.json`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
