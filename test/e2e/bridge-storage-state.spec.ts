// Issue 15 in a real browser: a Playwright context created with the emulator's storageState
// opens an app's protected page and is signed in by single sign-on without ever seeing the login
// page; the console shows the shifted-clock and armed-fault banners with one-click resets, and
// marks minted tokens in Activity.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import type { Emulator } from '../../src/main/emulator.js';
import { startEmulator } from '../helpers/built-console.js';

let emulator: Emulator;
let app: Server;
let appOrigin: string;
const redirectUri = () => `${appOrigin}/callback`;

/** A server-side app: /protected needs a session, which it gets from the emulator's code flow. */
function createApp(): Server {
  const sessions = new Map<string, string>();
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', appOrigin);
    void (async () => {
      const web = emulator.store.data.apps.find((a) => a.name === 'web');
      if (!web) throw new Error('no web app');
      if (url.pathname === '/protected') {
        const sid = /(?:^|; )app_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
        const sub = sid === undefined ? undefined : sessions.get(sid);
        if (sub) return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<h1>Protected</h1><p id="sub">${sub}</p>`);
        const authorize = new URL(`${emulator.issuer}/oauth/v2/authorize`);
        authorize.search = new URLSearchParams({ client_id: web.clientId, redirect_uri: redirectUri(), response_type: 'code', scope: 'openid' }).toString();
        return void res.writeHead(302, { Location: authorize.href }).end();
      }
      if (url.pathname === '/callback') {
        const token = await fetch(`${emulator.issuer}/oauth/v2/token`, {
          method: 'POST',
          headers: {
            Authorization: `Basic ${Buffer.from(`${encodeURIComponent(web.clientId)}:${encodeURIComponent(web.clientSecret ?? '')}`).toString('base64')}`,
            'Content-Type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ grant_type: 'authorization_code', code: url.searchParams.get('code') ?? '', redirect_uri: redirectUri() }),
        });
        const body = (await token.json()) as { id_token: string };
        const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1] ?? '', 'base64url').toString()) as { sub: string };
        const sid = String(sessions.size + 1);
        sessions.set(sid, claims.sub);
        return void res.writeHead(302, { Location: '/protected', 'Set-Cookie': `app_session=${sid}; Path=/; HttpOnly` }).end();
      }
      res.writeHead(404).end();
    })().catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
}

test.beforeAll(async () => {
  app = createApp();
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', log: () => undefined });
  emulator.store.update((draft) => {
    const web = draft.apps.find((a) => a.name === 'web');
    web?.oidc?.redirectUris.push(redirectUri());
  });
});

test.afterAll(async () => {
  await emulator?.close();
  await new Promise<void>((resolve) => app.close(() => resolve()));
});

test('a context with storageState opens the protected page without seeing the login page', async ({ browser }) => {
  const context = await browser.newContext({ storageState: emulator.storageState({ user: 'alice' }) });
  const page = await context.newPage();
  const visited: string[] = [];
  page.on('request', (request) => visited.push(new URL(request.url()).pathname));
  await page.goto(`${appOrigin}/protected`);
  await expect(page.getByRole('heading', { name: 'Protected' })).toBeVisible();
  const alice = emulator.store.data.users.find((u) => u.userName === 'alice');
  await expect(page.locator('#sub')).toHaveText(alice?.id ?? '');
  expect(visited).toContain('/oauth/v2/authorize');
  expect(visited.filter((p) => p.startsWith('/ui/login'))).toEqual([]);
  await context.close();

  // Without it, the same page goes through the login page.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(`${appOrigin}/protected`);
  await expect(other).toHaveURL(/\/ui\/login\/login\?authRequestID=/);
  await fresh.close();
});

test('the console shows the bridge banners, resets them in one click, and marks minted tokens', async ({ page }) => {
  await emulator.mintTokens({ user: 'alice', client: 'web' });
  emulator.clock.advance('13h');
  emulator.faults.add({ endpoint: 'token', grantType: 'refresh_token', error: { error: 'invalid_grant' } });
  await page.goto(emulator.consoleUrl);

  const clock = page.getByTestId('clock-banner');
  await expect(clock).toContainText("The emulator's clock is shifted");
  await expect(clock).toContainText('+13h from real time');
  const faults = page.getByTestId('faults-banner');
  await expect(faults).toContainText('1 fault is armed');
  await expect(faults).toContainText('token refresh_token → 400 invalid_grant (×1)');
  await expect(page.getByRole('option').filter({ has: page.locator('.badge.minted') })).toHaveCount(1);

  await clock.getByRole('button', { name: 'Reset clock' }).click();
  await expect(clock).toHaveCount(0);
  expect(emulator.clock.offsetMs).toBe(0);
  await faults.getByRole('button', { name: 'Clear faults' }).click();
  await expect(faults).toHaveCount(0);
  expect(emulator.faults.list()).toEqual([]);

  // Changes made elsewhere (a test, the CLI) reach an open console over the event stream.
  emulator.faults.add({ endpoint: 'keys', drop: true, times: 2 });
  await expect(page.getByTestId('faults-banner')).toContainText('keys → drop (×2)');
  emulator.reset();
  await expect(page.getByTestId('faults-banner')).toHaveCount(0);
});
