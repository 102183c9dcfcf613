// The conformance suite in headless Chromium on cpu, wasm (one thread, on the page's main thread), wasm
// with two threads (in a Worker of a cross-origin isolated page) and webgpu (SwiftShader, default tiles).
// Each run's report goes to browser/report/<run>.{json,md}; a run passes with zero failures (recorded
// known failures count only as the report marks them: expected failures).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PageResult } from '../src/conformance-page.js';
import { browserDir } from './support/bundle.js';
import { type Browser, browserRequired, chromiumMissing, launch } from './support/chromium.js';
import { type StaticServer, serve } from './support/server.js';

const reportDir = join(browserDir, 'report');
const missing = chromiumMissing();
// WebGPU on SwiftShader with the backend's default ('auto') tiles, the whole suite: the 'lanes' kernels of
// software adapters, but the convolutions on the 'shared' GEMM (SwiftShader's shader compiler does not
// finish the 'lanes' conv2d within Chromium's GPU watchdog; see the backend's tileConfig).
const RUNS = [
  { id: 'cpu', backend: 'cpu', params: '' },
  { id: 'wasm', backend: 'wasm', params: '' },
  { id: 'wasm-threads', backend: 'wasm-threads', params: '' },
  { id: 'webgpu', backend: 'webgpu', params: '' },
] as const;
// Narrowing for debugging: LIBML_BROWSER_BACKENDS=webgpu (run ids), LIBML_BROWSER_OPS=add,matmul (no ONNX).
const only = process.env.LIBML_BROWSER_BACKENDS?.split(',');
const ops = process.env.LIBML_BROWSER_OPS;
const query = ops ? `&ops=${encodeURIComponent(ops)}&onnx=0` : '';

// With CI=true the global setup has already failed the run; this keeps the skip visible per file too.
if (missing && !browserRequired) console.warn(`browser conformance tests skipped: ${missing}`);

describe.skipIf(Boolean(missing))('conformance in headless Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    server = await serve(browserDir);
    browser = await launch();
    mkdirSync(reportDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const { id, backend, params } of RUNS) {
    test.skipIf(only !== undefined && !only.includes(id))(id, async () => {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const started = Date.now();
      try {
        await page.goto(`${server.url}/dist/conformance.html?backend=${backend}${params}${query}`);
        const handle = await page.waitForFunction(
          () => {
            const s = (globalThis as { __libml?: { result?: unknown; error?: string } }).__libml;
            return s?.result || s?.error ? s : undefined;
          },
          undefined,
          { timeout: 540_000, polling: 500 },
        );
        const state = (await handle.jsonValue()) as { result?: PageResult; error?: string };
        if (state.error) throw new Error(`the page failed: ${state.error}`);
        const result = state.result!;
        const seconds = (Date.now() - started) / 1000;
        writeFileSync(join(reportDir, `${id}.json`), `${JSON.stringify({ ...result, seconds }, null, 1)}\n`);
        writeFileSync(join(reportDir, `${id}.md`), result.markdown);
        const s = result.report?.summary;
        const onnx = result.report?.onnx?.summary;
        const fused = result.report?.fused?.summary;
        console.log(
          `${id}: ${result.run.passed}/${result.run.tests} browser tests passed in ${seconds.toFixed(1)} s; ` +
            `checks ${s?.passed} passed, ${s?.failed} failed, ${s?.expectedFailures} known failures, ` +
            `${s?.skipped} skipped; ONNX ${onnx?.passed}/${onnx?.run} passed (${onnx?.expectedFailures} known failures); ` +
            `fused ${fused?.passed}/${fused?.cases} passed; ` +
            `backend ${JSON.stringify(result.backendInfo)}; report ${join(reportDir, `${id}.json`)}`,
        );
        const failures = result.run.results.filter((r) => r.status === 'fail');
        expect(
          failures.map((f) => `${f.name}: ${f.error?.split('\n').slice(0, 6).join('\n')}`),
          `${id}: failing checks`,
        ).toEqual([]);
        expect(result.report, 'the suite wrote no report').not.toBeNull();
        expect(s?.failed).toBe(0);
        expect(onnx?.failed ?? 0).toBe(0);
        expect(fused?.failed ?? 0).toBe(0);
        expect(errors, 'uncaught page errors').toEqual([]);
        expect(result.environment.crossOriginIsolated).toBe(true);
        if (backend === 'wasm-threads') {
          expect(result.environment.inWorker).toBe(true);
          expect(result.backendInfo.threads).toBe(2);
        }
        if (backend === 'webgpu') {
          const info = result.backendInfo as {
            adapter: { runtime: string; architecture: string };
            tiles: { gemmKind: string; convKind: string };
          };
          expect(info.adapter.runtime).toBe('browser');
          // The default tiles on SwiftShader: 'lanes', the convolutions 'shared'.
          if (info.adapter.architecture === 'swiftshader') {
            expect([info.tiles.gemmKind, info.tiles.convKind]).toEqual(['lanes', 'shared']);
          }
        }
      } finally {
        await page.close();
      }
    });
  }
});
