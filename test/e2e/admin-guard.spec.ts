// The admin API refuses what a browser could do to it from outside the console: no token, a
// page on another origin (even one that knows the token), and DNS rebinding (a foreign host
// name resolving to 127.0.0.1). Real Chromium, real requests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { ADMIN_PATHS } from '../../src/common/admin-api.js';
import { startEmulator, type Emulator } from '../../src/main/emulator.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/system-chromium.js';

// A name that is not loopback but resolves to it, as an attacker's DNS would after rebinding.
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
  },
});

let emulator: Emulator;
let foreign: Server;
let foreignOrigin: string;

/** A page on another origin that tries the admin API with the real token, and reports what it saw. */
function foreignPage(adminBase: string, token: string): string {
  return `<!doctype html><title>foreign</title><pre id="out">running</pre><script>
(async () => {
  const results = {};
  try {
    const res = await fetch(${JSON.stringify(`${adminBase}${ADMIN_PATHS.overview}`)}, { headers: { Authorization: 'Bearer ${token}' } });
    results.read = 'status ' + res.status;
  } catch (e) { results.read = 'blocked'; }
  try {
    await fetch(${JSON.stringify(`${adminBase}${ADMIN_PATHS.collection('orgs')}`)}, {
      method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ id: 'org-evil', name: 'Evil', primaryDomain: 'evil.localhost' }),
    });
    results.write = 'sent';
  } catch (e) { results.write = 'blocked'; }
  document.getElementById('out').textContent = JSON.stringify(results);
})();
</script>`;
}

test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', log: () => undefined });
  foreign = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(foreignPage(emulator.issuer, emulator.adminToken));
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => foreign.close(() => resolve()));
  await emulator.close();
});

test('without the admin token the API answers 401 and shows nothing', async ({ page }) => {
  const res = await page.goto(`${emulator.issuer}${ADMIN_PATHS.store}`);
  expect(res?.status()).toBe(401);
  expect(await res?.json()).toMatchObject({ error: 'unauthorized' });
});

test('a page on another origin can neither read nor write, even with the token', async ({ page }) => {
  const before = structuredClone(emulator.store.data);
  const requests: { url: string; status: number }[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/_emulator/')) requests.push({ url: r.url(), status: r.status() });
  });
  await page.goto(foreignOrigin);
  await expect(page.locator('#out')).not.toHaveText('running');
  expect(JSON.parse((await page.locator('#out').textContent()) ?? '{}')).toEqual({ read: 'blocked', write: 'sent' });
  // The no-cors write reached the server and was refused there, not just hidden from the page.
  expect(requests.some((r) => r.url.endsWith('/orgs') && r.status === 403)).toBe(true);
  expect(emulator.store.data).toEqual(before);
});

test('DNS rebinding: a foreign host name pointing at 127.0.0.1 gets 403', async ({ page }) => {
  const port = new URL(emulator.issuer).port;
  const res = await page.goto(`http://rebind.test:${port}${ADMIN_PATHS.overview}?token=${emulator.adminToken}`);
  expect(res?.status()).toBe(403);
  expect(await res?.json()).toMatchObject({ error: 'forbidden' });
});
