// Turns the per-process results into bench/results/latest.json and latest.md: one table per backend
// class (cpu, wasm, webgpu), libml/peer speed-ups, start-up and memory, agreement flags and targets.

import { type Agreement, compare } from './data.js';
import { IMPLEMENTATIONS, type Implementation, REFERENCE_ID } from './impls.js';
import type { BackendClass, WorkloadResult } from './types.js';
import { higherIsBetter, metricValue, WORKLOADS, type WorkloadSpec } from './workloads.js';

export interface ImplRun {
  impl: Implementation;
  status: 'ok' | 'error' | 'planned' | 'not run';
  error?: string;
  version?: string;
  startupMs?: number;
  info?: Record<string, string>;
  memory?: { peakRssMiB: number; peakHeapMiB: number; peakExternalMiB: number };
  results: WorkloadResult[];
  wallMs?: number;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  adapter?: string;
  /** 1-minute load average at the start and end of the run (other processes on the machine skew timings). */
  loadAverage?: [number, number];
}

export interface ResultRow extends WorkloadResult {
  impl: string;
  /** The figure of merit at the median time, and at the fastest / slowest iteration. */
  value?: number;
  best?: number;
  worst?: number;
  agreement?: Agreement & { reference: string };
}

export interface Ratio {
  class: BackendClass;
  workload: string;
  libml: string;
  peer: string;
  /** Speed-up of libml over the peer (peer median time / libml median time); > 1: libml is faster. */
  ratio: number;
}

export interface Target {
  name: string;
  workload: string;
  libml: string;
  peer: string;
  required: number;
  ratio: number | null;
  met: boolean;
}

export type ImplSummary = Omit<ImplRun, 'results' | 'impl'> &
  Pick<Implementation, 'id' | 'lib' | 'backend' | 'class' | 'label'>;

export interface Report {
  schema: 1;
  date: string;
  mode: 'full' | 'quick';
  args: string[];
  machine: Machine;
  workloads: (Pick<WorkloadSpec, 'id' | 'group' | 'title' | 'metric'> & {
    higherIsBetter: boolean;
    planned?: string;
  })[];
  implementations: ImplSummary[];
  results: ResultRow[];
  ratios: Ratio[];
  targets: Target[];
  reference: string;
  totalWallMs: number;
}

/** Targets from issue 4: libml cpu against tfjs-backend-cpu, medians. */
/** Each issue's speed targets: libml implementation over peer implementation, medians of one run. */
export const TARGETS: { name: string; workload: string; libml: string; peer: string; required: number }[] = [
  ...(['matmul-512', 'matmul-1024', 'conv2d-nhwc', 'conv2d-nchw'] as const).map((w) => ({
    name: `${w} >= 4x tfjs-cpu`,
    workload: w,
    libml: 'libml-cpu',
    peer: 'tfjs-cpu',
    required: 4,
  })),
  {
    name: 'softmax >= 10x tfjs-cpu',
    workload: 'softmax',
    libml: 'libml-cpu',
    peer: 'tfjs-cpu',
    required: 10,
  },
  {
    name: 'MLP train >= 3x tfjs-cpu',
    workload: 'mlp-train',
    libml: 'libml-cpu',
    peer: 'tfjs-cpu',
    required: 3,
  },
  ...(['matmul-256', 'matmul-512', 'matmul-1024', 'conv2d-nhwc'] as const).map((w) => ({
    name: `${w} >= 1.15x tfjs-wasm (one thread)`,
    workload: w,
    libml: 'libml-wasm-1t',
    peer: 'tfjs-wasm',
    required: 1.15,
  })),
  {
    name: 'MLP train step (one thread, eager) <= 11 ms: faster than jax-js eager (11.6 ms)',
    workload: 'mlp-train',
    libml: 'libml-wasm-1t',
    peer: 'jax-wasm',
    required: 1,
  },
  ...(['matmul-256', 'matmul-512', 'matmul-1024', 'conv2d-nhwc'] as const).map((w) => ({
    name: `${w} >= 2x tfjs-wasm (threads)`,
    workload: w,
    libml: 'libml-wasm',
    peer: 'tfjs-wasm',
    required: 2,
  })),
  ...(['matmul-256', 'matmul-512', 'matmul-1024', 'conv2d-nhwc'] as const).map((w) => ({
    name: `${w} >= 2x tfjs-webgpu`,
    workload: w,
    libml: 'libml-webgpu',
    peer: 'tfjs-webgpu',
    required: 2,
  })),
  {
    name: 'small-op latency below tfjs-webgpu',
    workload: 'add-small-latency',
    libml: 'libml-webgpu',
    peer: 'tfjs-webgpu',
    required: 1,
  },
  {
    name: 'MLP train under jit faster than jax-js jit (wasm, one thread each)',
    workload: 'mlp-train',
    libml: 'libml-wasm-1t-jit',
    peer: 'jax-wasm-jit',
    required: 1,
  },
  {
    name: 'MLP train under jit faster than jax-js jit (wasm, libml with threads)',
    workload: 'mlp-train',
    libml: 'libml-wasm-jit',
    peer: 'jax-wasm-jit',
    required: 1,
  },
  {
    name: 'MLP train under jit faster than jax-js jit (webgpu)',
    workload: 'mlp-train',
    libml: 'libml-webgpu-jit',
    peer: 'jax-webgpu',
    required: 1,
  },
  ...(['cpu', 'wasm', 'webgpu'] as const).map((b) => ({
    name: `CNN train step faster under jit than eager (${b})`,
    workload: 'cnn-digits-train',
    libml: `libml-${b}-jit`,
    peer: `libml-${b}`,
    required: 1,
  })),
];

export function buildReport(
  runs: ImplRun[],
  machine: Machine,
  opts: { quick: boolean; args: string[]; totalWallMs: number; workloads: WorkloadSpec[] },
): Report {
  const spec = new Map(WORKLOADS.map((w) => [w.id, w]));
  const ref = runs.find((r) => r.impl.id === REFERENCE_ID);
  const refResult = (w: string) => ref?.results.find((r) => r.workload === w && r.status === 'ok');
  const results: ResultRow[] = [];
  for (const run of runs) {
    for (const r of run.results) {
      const row: ResultRow = { ...r, impl: run.impl.id };
      const w = spec.get(r.workload)!;
      if (r.status === 'ok' && r.median !== undefined) {
        row.value = metricValue(w, r.median);
        row.best = metricValue(w, r.min!);
        row.worst = metricValue(w, r.max!);
        const rr = refResult(r.workload);
        if (rr?.checks && r.checks && run.impl.id !== REFERENCE_ID) {
          // Training-step outputs accumulate float32 rounding in different orders: a looser bound.
          const tol =
            r.workload === 'mlp-train' ||
            r.workload === 'cnn-digits-train' ||
            r.workload.startsWith('conv2d-grad')
              ? 5e-3
              : 2e-3;
          row.agreement = { ...compare(r.checks, rr.checks, tol), reference: REFERENCE_ID };
        }
      }
      delete row.checks;
      results.push(row);
    }
  }
  const ok = (impl: string, w: string) =>
    results.find((r) => r.impl === impl && r.workload === w && r.status === 'ok');
  const ratios: Ratio[] = [];
  for (const cls of ['cpu', 'wasm', 'webgpu'] as BackendClass[]) {
    const libmls = IMPLEMENTATIONS.filter((i) => i.class === cls && i.lib === 'libml');
    const peers = IMPLEMENTATIONS.filter((i) => i.class === cls && i.lib !== 'libml');
    for (const l of libmls)
      for (const p of peers)
        for (const w of opts.workloads) {
          const a = ok(l.id, w.id);
          const b = ok(p.id, w.id);
          if (a?.median && b?.median)
            ratios.push({ class: cls, workload: w.id, libml: l.id, peer: p.id, ratio: b.median / a.median });
        }
  }
  const median = (impl: string, w: string) =>
    runs.find((r) => r.impl.id === impl)?.results.find((x) => x.workload === w && x.status === 'ok')?.median;
  const targets: Target[] = TARGETS.filter((t) => opts.workloads.some((w) => w.id === t.workload)).map(
    (t) => {
      const mine = median(t.libml, t.workload);
      const theirs = median(t.peer, t.workload);
      const ratio = mine && theirs ? theirs / mine : null;
      return { ...t, ratio, met: ratio !== null && ratio >= t.required };
    },
  );
  return {
    schema: 1,
    date: new Date().toISOString(),
    mode: opts.quick ? 'quick' : 'full',
    args: opts.args,
    machine,
    workloads: opts.workloads.map((w) => ({
      id: w.id,
      group: w.group,
      title: w.title,
      metric: w.metric,
      higherIsBetter: higherIsBetter(w),
      ...(w.planned ? { planned: w.planned } : {}),
    })),
    implementations: runs.map(({ impl, results: _r, ...rest }) => ({
      id: impl.id,
      lib: impl.lib,
      backend: impl.backend,
      class: impl.class,
      label: impl.label,
      ...rest,
    })),
    results,
    ratios,
    targets,
    reference: REFERENCE_ID,
    totalWallMs: opts.totalWallMs,
  };
}

const fmt = (v: number): string => {
  const a = Math.abs(v);
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toFixed(3);
};

export function renderMarkdown(rep: Report): string {
  const out: string[] = [];
  const m = rep.machine;
  out.push(`# libml benchmark (${rep.mode})`, '');
  out.push(
    `${rep.date} — CPU: ${m.cpu} (${m.cores} cores), ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.platform}` +
      (m.adapter ? `, WebGPU adapter: ${m.adapter}` : '') +
      (m.loadAverage
        ? `. Load average (1 min) at start / end: ${m.loadAverage[0].toFixed(2)} / ${m.loadAverage[1].toFixed(2)}` +
          (Math.max(...m.loadAverage) > m.cores * 0.75
            ? ' — **the machine was busy: timings are noisy**'
            : '')
        : ''),
    '',
  );
  out.push(
    "Cells: median (fastest–slowest iteration) in the row's unit; every iteration includes reading the " +
      'results back to JS. ✓ = agrees with libml cpu, ✗ = DISAGREES (see notes), · = no reference. ' +
      '`n/a` = not supported by that library (reason in notes). Speed-up columns: libml / peer ' +
      '(peer median time ÷ libml median time; > 1 means libml is faster). See bench/README.md.',
    '',
  );
  const impls = rep.implementations;
  const notes: string[] = [];
  const cell = (impl: string, w: string): string => {
    const r = rep.results.find((x) => x.impl === impl && x.workload === w);
    if (!r) return '';
    if (r.status === 'n/a') return 'n/a';
    if (r.status === 'error') {
      notes.push(`- ${impl} / ${w}: error: ${r.reason}`);
      return 'error';
    }
    for (const f of r.failedProcesses ?? [])
      notes.push(`- ${impl} / ${w}: one of its processes failed (${f})`);
    const mark = r.agreement ? (r.agreement.ok ? ' ✓' : ' ✗') : impl === rep.reference ? '' : ' ·';
    if (r.agreement && !r.agreement.ok)
      notes.push(
        `- **DISAGREEMENT** ${impl} / ${w}: max relative difference ${r.agreement.maxRelErr.toExponential(2)} vs ${r.agreement.reference}`,
      );
    const lo = Math.min(r.best!, r.worst!);
    const hi = Math.max(r.best!, r.worst!);
    return `${fmt(r.value!)} (${fmt(lo)}–${fmt(hi)})${mark}`;
  };
  for (const cls of ['cpu', 'wasm', 'webgpu']) {
    const cols = impls.filter((i) => i.class === cls);
    if (cols.length === 0) continue;
    const live = cols.filter((c) => c.status !== 'planned' && c.status !== 'not run');
    const libmls = cols.filter((c) => c.lib === 'libml');
    const peers = cols.filter((c) => c.lib !== 'libml');
    out.push(`## ${cls} backends`, '');
    for (const c of cols) {
      if (c.status === 'planned') out.push(`- ${c.label}: not measured (${c.error ?? 'planned'})`);
      else if (c.status === 'error') out.push(`- ${c.label}: **failed to run**: ${c.error}`);
      else if (c.status === 'not run') out.push(`- ${c.label}: not selected in this run`);
    }
    if (cols.some((c) => c.status !== 'ok')) out.push('');
    if (live.length === 0) continue;
    const ratioCols: [string, string][] = [];
    for (const l of libmls)
      for (const p of peers) if (l.status === 'ok' && p.status === 'ok') ratioCols.push([l.id, p.id]);
    const header = [
      'workload',
      'unit',
      ...live.map((c) => c.id),
      ...ratioCols.map(([l, p]) => `${l} / ${p}`),
    ];
    out.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
    for (const w of rep.workloads) {
      if (w.planned) {
        out.push(
          `| ${w.id} | ${w.metric} | ${live.map(() => '—').join(' | ')} |${ratioCols.map(() => ' — |').join('')}`,
        );
        continue;
      }
      const cells = live.map((c) => cell(c.id, w.id));
      const ratios = ratioCols.map(([l, p]) => {
        const r = rep.ratios.find((x) => x.libml === l && x.peer === p && x.workload === w.id);
        return r ? `${r.ratio.toFixed(2)}x` : '—';
      });
      out.push(`| ${w.id} | ${w.metric} | ${[...cells, ...ratios].join(' | ')} |`);
    }
    out.push('');
    for (const w of rep.workloads) {
      const multi = rep.results.filter(
        (r) => r.workload === w.id && (r.processes ?? 1) > 1 && live.some((c) => c.id === r.impl),
      );
      if (multi.length === 0) continue;
      const lo = Math.min(...multi.map((r) => r.processes!));
      const hi = Math.max(...multi.map((r) => r.processes!));
      out.push(
        `\`${w.id}\`: each cell is the median of ${lo === hi ? lo : `${lo}–${hi}`} fresh processes' medians ` +
          '(implementations alternating, WorkloadSpec.processes); the range spans all their iterations.',
        '',
      );
    }
  }
  out.push('## Start-up and memory (per process)', '');
  out.push(
    "Start-up: importing the library and awaiting its backend's readiness, in a fresh process. " +
      "Peak RSS: the process's maximum resident set (includes native/WASM/GPU-driver memory); peak JS heap " +
      'and peak external (ArrayBuffers + native) are sampled after every iteration.',
    '',
  );
  out.push(
    '| implementation | version | start-up ms | peak RSS MiB | peak JS heap MiB | peak external MiB | wall s | notes |',
  );
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const i of impls) {
    if (i.status === 'planned' || i.status === 'not run') continue;
    const mem = i.memory;
    const extra = Object.entries(i.info ?? {})
      .filter(([k]) => k !== 'backend')
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ');
    out.push(
      `| ${i.id} | ${i.version ?? ''} | ${i.startupMs !== undefined ? fmt(i.startupMs) : ''} | ${mem ? fmt(mem.peakRssMiB) : ''} | ${mem ? fmt(mem.peakHeapMiB) : ''} | ${mem ? fmt(mem.peakExternalMiB) : ''} | ${i.wallMs ? (i.wallMs / 1000).toFixed(1) : ''} | ${i.status === 'error' ? `failed: ${i.error}` : extra} |`,
    );
  }
  out.push('');
  const leaks = rep.results.filter((r) => r.leakedTensors);
  if (leaks.length) {
    out.push('Tensors left alive after a workload (library-reported):', '');
    for (const r of leaks) out.push(`- ${r.impl} / ${r.workload}: ${r.leakedTensors}`);
    out.push('');
  }
  if (rep.targets.length) {
    out.push('## Targets (speed-up = peer median / libml median, this run)', '');
    out.push('| target | libml | peer | measured speed-up | status |', '| --- | --- | --- | --- | --- |');
    for (const t of rep.targets)
      out.push(
        `| ${t.name} | ${t.libml} | ${t.peer} | ${t.ratio === null ? 'not measured' : `${t.ratio.toFixed(2)}x`} | ${t.ratio === null ? 'not measured' : t.met ? 'met' : '**not met**'} |`,
      );
    out.push('');
  }
  const na = rep.results.filter((r) => r.status === 'n/a');
  if (na.length || notes.length) {
    out.push('## Notes', '');
    out.push(...notes);
    const byReason = new Map<string, string[]>();
    for (const r of na) {
      const k = `${r.impl}: ${r.reason}`;
      byReason.set(k, [...(byReason.get(k) ?? []), r.workload]);
    }
    for (const [k, ws] of byReason) out.push(`- n/a ${k} (${ws.join(', ')})`);
    for (const w of rep.workloads) if (w.planned) out.push(`- ${w.id}: ${w.planned}`);
    out.push('');
  }
  out.push(`Total wall time: ${(rep.totalWallMs / 1000).toFixed(0)} s.`, '');
  return out.join('\n');
}
