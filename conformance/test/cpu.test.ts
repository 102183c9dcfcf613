// The conformance suite on @libml/backend-cpu: every op, every check, no recorded expectations.

import '@libml/backend-cpu';
import { runConformance } from '../src/index.js';
import { writeReport } from './write-report.js';

runConformance({ backend: 'cpu', writeReport });
