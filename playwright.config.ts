// Browser tests (test/e2e) run in the system Chromium (Debian's `chromium` package), never a
// downloaded one. A missing browser is an error with instructions, not a silent skip.
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH as chromiumPath } from './test/helpers/system-chromium.js';

if (!existsSync(chromiumPath)) {
  throw new Error(
    `Chromium not found at ${chromiumPath}. Install it with \`apt-get update && apt-get install -y chromium\`, ` +
      'or set CHROMIUM_PATH to a Chromium executable.',
  );
}

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: chromiumPath,
      args: [...CHROMIUM_ARGS],
    },
  },
});
