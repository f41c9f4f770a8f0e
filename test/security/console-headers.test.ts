// Issue 12 item 12: the console is served with a CSP it renders under without a single
// violation (in Chromium), cannot be framed (frame-ancestors 'none', X-Frame-Options DENY), and
// its static-file cache keeps only files that exist: a path that was missing is looked up again.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { CONSOLE_CSP } from '../../src/main/http/console-csp.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { buildValidStore } from '../helpers/store-fixture.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the console as served', () => {
  let emulator: Emulator;
  let browser: Browser;
  beforeAll(async () => {
    emulator = await startTestEmulator({ store: buildValidStore() });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('sends its CSP and anti-framing headers on the page and its assets', async () => {
    for (const path of ['/ui/console', '/ui/console/', '/ui/console/apps', '/ui/console/missing.js']) {
      const res = await fetch(`${emulator.issuer}${path}`, { redirect: 'manual' });
      expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      await res.arrayBuffer();
    }
    expect(CONSOLE_CSP).toContain("frame-ancestors 'none'");
  });

  it('renders under the served CSP without a violation', async () => {
    if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}`);
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
    const response = await page.goto(emulator.consoleUrl);
    expect(response?.headers()['content-security-policy']).toBe(CONSOLE_CSP);
    await page.getByRole('navigation').first().waitFor();
    await page.waitForLoadState('networkidle').catch(() => undefined);
    expect(violations).toEqual([]);
    await page.close();
  });
});

describe('the console file cache', () => {
  it('does not remember a missing file: once it exists, it is served', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'idp-emulator-console-'));
    const emulator = await startTestEmulator({ store: buildValidStore(), consoleDir: dir });
    try {
      await writeFile(join(dir, 'index.html'), '<!doctype html><title>shell</title>');
      const before = await fetch(`${emulator.issuer}/ui/console/late.js`);
      expect(before.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await before.text()).toBe('<!doctype html><title>shell</title>');
      await writeFile(join(dir, 'late.js'), 'console.log(1);');
      const after = await fetch(`${emulator.issuer}/ui/console/late.js`);
      expect(after.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(await after.text()).toBe('console.log(1);');
    } finally {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
