// The conformance suite on the relaxed-SIMD build, forced (simd: 'relaxed'; single-threaded). Node 20
// validates relaxed SIMD only with --experimental-wasm-relaxed-simd, which vitest.relaxed.config.ts passes
// to its workers. Report in conformance/report/wasm-relaxed.{json,md}.

import { WasmBackend } from '@libml/backend-wasm';
import { runConformance } from '@libml/conformance';
import { registerBackend } from '@libml/core';
import { expect, test } from 'vitest';
import { writeReport } from '../write-report.js';

const backend = new WasmBackend({ simd: 'relaxed', threads: 1 }, 'wasm-relaxed');
registerBackend('wasm-relaxed', () => backend, 0);

runConformance({ backend: 'wasm-relaxed', writeReport });

test('the relaxed-SIMD build is the one loaded', async () => {
  await backend.ready();
  expect(backend.simd).toBe('relaxed');
});
