// The conformance suite on the threaded backend: two threads and no size threshold, so every matmul and
// convolution (and its gradients) goes through the split gemm or the per-thread (image, group) runs.
// Report in conformance/report/wasm-threads.{json,md}.

import { WasmBackend } from '@libml/backend-wasm';
import { runConformance } from '@libml/conformance';
import { registerBackend } from '@libml/core';
import { writeReport } from './write-report.js';

registerBackend('wasm-threads', () => new WasmBackend({ threads: 2, minParallelWork: 0 }, 'wasm-threads'), 0);

runConformance({ backend: 'wasm-threads', writeReport });
