// CI smoke test: the --quick mode for libml cpu and tfjs-cpu on two tiny workloads. It checks the JSON's
// structure and the agreement flags only; it asserts nothing about timings.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/report.js';

const benchDir = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'libml-bench-smoke-'));
let report: Report;
let markdown: string;

beforeAll(() => {
  // `turbo run test` builds first; a direct `vitest run` builds here when dist/ is missing.
  if (!existsSync(join(benchDir, 'dist', 'run.js'))) execFileSync('npx', ['tsup'], { cwd: benchDir });
  execFileSync(
    process.execPath,
    [
      join(benchDir, 'dist', 'run.js'),
      '--quick',
      '--backend',
      'libml-cpu,tfjs-cpu',
      '--workload',
      'matmul-128,add-small-latency',
      '--out',
      out,
    ],
    { cwd: benchDir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 },
  );
  report = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as Report;
  markdown = readFileSync(join(out, 'latest.md'), 'utf8');
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('bench --quick (libml cpu vs tfjs-cpu)', () => {
  it('describes the run and the machine', () => {
    expect(report.schema).toBe(1);
    expect(report.mode).toBe('quick');
    expect(report.reference).toBe('libml-cpu');
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(typeof report.machine.cpu).toBe('string');
    expect(report.machine.node).toBe(process.version);
    expect(report.workloads.map((w) => w.id)).toEqual(['matmul-128', 'add-small-latency']);
  });

  it('runs each implementation in its own process, with start-up and memory figures', () => {
    expect(report.implementations.map((i) => i.id)).toEqual(['libml-cpu', 'tfjs-cpu']);
    for (const impl of report.implementations) {
      expect(impl.status).toBe('ok');
      expect(impl.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(impl.startupMs).toBeTypeOf('number');
      expect(impl.memory?.peakRssMiB).toBeGreaterThan(0);
      expect(impl.memory?.peakHeapMiB).toBeGreaterThan(0);
    }
  });

  it('reports median/min/max for every workload and implementation', () => {
    expect(report.results).toHaveLength(4);
    for (const r of report.results) {
      expect(r.status).toBe('ok');
      expect(r.reps).toBeGreaterThanOrEqual(3);
      expect(r.min!).toBeLessThanOrEqual(r.median!);
      expect(r.median!).toBeLessThanOrEqual(r.max!);
      expect(r.value).toBeTypeOf('number');
    }
  });

  it('cross-checks tfjs-cpu against libml cpu and finds agreement', () => {
    const tf = report.results.filter((r) => r.impl === 'tfjs-cpu');
    expect(tf).toHaveLength(2);
    for (const r of tf) {
      expect(r.agreement?.reference).toBe('libml-cpu');
      expect(r.agreement?.ok).toBe(true);
    }
    expect(report.results.find((r) => r.impl === 'libml-cpu')?.agreement).toBeUndefined();
  });

  it('computes libml/peer ratios and renders the markdown table', () => {
    expect(report.ratios.map((r) => [r.workload, r.libml, r.peer])).toEqual([
      ['matmul-128', 'libml-cpu', 'tfjs-cpu'],
      ['add-small-latency', 'libml-cpu', 'tfjs-cpu'],
    ]);
    for (const r of report.ratios) expect(r.ratio).toBeGreaterThan(0);
    expect(markdown).toContain('| workload | unit | libml-cpu | tfjs-cpu | libml-cpu / tfjs-cpu |');
    expect(markdown).toContain('## Start-up and memory');
    expect(markdown).not.toContain('DISAGREEMENT');
  });
});
