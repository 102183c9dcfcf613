// The conformance suite on @libml/backend-wasm: every op and check, no recorded expectations; report in
// conformance/report/wasm.{json,md}. Cases that need float64 (gradCheck64, casts to float64) do not
// apply: the backend has no float64.

import '@libml/backend-wasm';
import { runConformance } from '@libml/conformance';
import { writeReport } from './write-report.js';

runConformance({ backend: 'wasm', writeReport });
