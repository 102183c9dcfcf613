// The example page (examples/web, built by its own `build`): it picks the best backend (webgpu on
// SwiftShader here), a click trains the digits MLP, and the page shows the test accuracy. The screenshot
// is kept as a test artifact: browser/artifacts/example-web.png.

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserDir } from './support/bundle.js';
import { type Browser, chromiumMissing, launch } from './support/chromium.js';
import { type StaticServer, serve } from './support/server.js';

const exampleDist = join(browserDir, '..', 'examples', 'web', 'dist');
const artifactDir = join(browserDir, 'artifacts');
const missing = chromiumMissing();

describe.skipIf(Boolean(missing))('examples/web in headless Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    if (!existsSync(join(exampleDist, 'main.js'))) {
      throw new Error(`${exampleDist} is not built (the global setup builds it)`);
    }
    server = await serve(exampleDist);
    browser = await launch();
    mkdirSync(artifactDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // The default choice (webgpu here), and each fallback forced with ?backend=.
  for (const backend of ['auto', 'wasm', 'cpu'] as const) {
    test(`trains the digits model (${backend})`, async () => {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      try {
        await page.goto(`${server.url}/${backend === 'auto' ? '' : `?backend=${backend}`}`);
        const button = page.locator('#train');
        await button.waitFor();
        await page.waitForFunction(() => !(document.getElementById('train') as HTMLButtonElement).disabled, {
          timeout: 60_000,
        });
        const shown = await page.locator('#backend').getAttribute('data-backend');
        expect(shown).toBe(backend === 'auto' ? 'webgpu' : backend);
        const started = Date.now();
        await button.click();
        await page.waitForFunction(
          () => {
            const a = document.getElementById('accuracy')!.dataset;
            return a.accuracy !== undefined || a.error !== undefined;
          },
          undefined,
          { timeout: 120_000, polling: 200 },
        );
        const seconds = (Date.now() - started) / 1000;
        const accuracyText = await page.locator('#accuracy').textContent();
        const data = await page.locator('#accuracy').evaluate((el) => ({ ...(el as HTMLElement).dataset }));
        const detail = await page.locator('#backend-detail').textContent();
        const shot = join(artifactDir, backend === 'auto' ? 'example-web.png' : `example-web-${backend}.png`);
        await page.screenshot({ path: shot, fullPage: true });
        console.log(
          `example page on ${shown} ${detail}: "${accuracyText}" (${seconds.toFixed(1)} s from the click); ` +
            `screenshot ${shot}`,
        );
        expect(data.error).toBeUndefined();
        expect(Number(data.accuracy)).toBeGreaterThan(0.9);
        expect(await page.locator('#backend').textContent()).toBe(shown);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});
