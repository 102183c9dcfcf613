// Before the browser tests: bundle the conformance page and build the example page (examples/web's own
// build script), both from the built packages; and decide what a missing browser means (CI=true: the run
// fails; elsewhere: the tests skip, with this notice).

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { browserDir, bundleConformancePage } from './support/bundle.js';
import { browserRequired, chromiumMissing } from './support/chromium.js';

export default async function setup(): Promise<void> {
  const missing = chromiumMissing();
  if (missing) {
    if (browserRequired) throw new Error(`browser tests: ${missing}; CI=true needs the browser`);
    console.warn(`\n!!! browser tests SKIPPED: ${missing}\n`);
    return;
  }
  await bundleConformancePage();
  execFileSync(process.execPath, [join(browserDir, '..', 'examples', 'web', 'scripts', 'build.mjs')], {
    stdio: 'inherit',
  });
}
