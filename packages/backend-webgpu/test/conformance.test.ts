// The conformance suite on @libml/backend-webgpu (float32, async reads only): every op and check, plus
// ONNX's node tests. Cases that need float64 do not apply to this backend and are left out by the runner.

import { runConformance } from '@libml/conformance';
import '../src/index.js';
import { writeReport } from './write-report.js';

runConformance({ backend: 'webgpu', capabilities: { float64: false }, writeReport });
