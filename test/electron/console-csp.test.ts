// The console under the desktop window's Content-Security-Policy, in the system Chromium (the
// Electron runtime is not available here; its renderer is Chromium too). Every response from the
// emulator goes through the window's own onHeadersReceived listener, and the console must render
// without a single CSP violation.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { CONSOLE_CSP, installContentSecurityPolicy } from '../../src/main/electron/window.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { buildValidStore } from '../helpers/store-fixture.js';
import { SessionDouble } from './electron-double.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let emulator: Emulator;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  emulator = await startTestEmulator({ store: buildValidStore() });
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
});

describe('console under the window CSP', () => {
  it('renders with the policy applied and without violations', async () => {
    const session = new SessionDouble();
    installContentSecurityPolicy(session, new URL(emulator.consoleUrl).origin);
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    let documentPolicy: string | undefined;
    await page.route('**/*', async (route) => {
      // The event stream never ends, so it cannot be fetched whole; it is no document anyway.
      if (route.request().url().includes('/_emulator/api/events')) return route.continue();
      const response = await route.fetch();
      const received: Record<string, string[]> = {};
      for (const { name, value } of response.headersArray()) received[name] = [...(received[name] ?? []), value];
      const answer = session.receiveHeaders(route.request().url(), received);
      const headers: Record<string, string> = {};
      for (const [name, values] of Object.entries(answer?.responseHeaders ?? received)) headers[name] = values.join(', ');
      if (route.request().resourceType() === 'document') documentPolicy = headers['Content-Security-Policy'];
      await route.fulfill({ response, headers });
    });

    const response = await page.goto(emulator.consoleUrl);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator('header code').textContent(), { timeout: 10_000 }).toBe(emulator.issuer);
    await page.waitForLoadState('networkidle');
    // The server sends the console's policy itself (issue 12); the window adds it once more.
    expect(documentPolicy).toBe(`${CONSOLE_CSP}, ${CONSOLE_CSP}`);
    expect(violations).toEqual([]);
    await page.close();
  });
});
