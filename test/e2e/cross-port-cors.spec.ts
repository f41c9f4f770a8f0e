// Issue 12 item 7 in Chromium: a page on another localhost port (same site: ports do not count)
// cannot read a logged-in user's authorization code with a credentialed fetch of authorize
// (prompt=none, form_post), while an SPA's plain fetch of discovery and token still works.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import type * as Library from '../../src/main/index.js';
import type { Emulator, StoreInput } from '../../src/main/index.js';

const LIBRARY_URL = new URL('../../out/main/lib.js', import.meta.url).href;
const IDS = { instance: '610000000000000001', org: '610000000000000002', project: '610000000000000010', app: '610000000000000020', clientId: '610000000000000030', alice: '610000000000000040' } as const;

function buildSeed(redirectUri: string): StoreInput {
  return {
    version: 1,
    instance: { id: IDS.instance, name: 'Local', defaultOrgId: IDS.org },
    orgs: [{ id: IDS.org, name: 'Acme', primaryDomain: 'acme.localhost' }],
    projects: [{ id: IDS.project, orgId: IDS.org, name: 'Shop' }],
    apps: [
      {
        id: IDS.app,
        projectId: IDS.project,
        name: 'spa',
        clientId: IDS.clientId,
        oidc: { appType: 'userAgent', authMethod: 'none', redirectUris: [redirectUri], responseTypes: ['code'], grantTypes: ['authorization_code'], devMode: true },
        keys: [],
      },
    ],
    users: [{ id: IDS.alice, orgId: IDS.org, userName: 'alice', human: { profile: { givenName: 'Alice', familyName: 'Example' }, password: 'Password1!' } }],
    userGrants: [],
    signingKeys: [],
  };
}

let emulator: Emulator;
let other: Server;
let otherOrigin: string;

/** Another dev server on another port: its callback page, and a page that tries to steal a code. */
function createOtherServer(): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', otherOrigin);
    const authorize = new URL(`${emulator.issuer}/oauth/v2/authorize`);
    authorize.search = new URLSearchParams({
      client_id: IDS.clientId,
      redirect_uri: `${otherOrigin}/callback`,
      response_type: 'code',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    if (url.pathname === '/steal') {
      const target = `${authorize.href}&prompt=none&response_mode=form_post`;
      const script = `
        const out = {};
        const read = (url, init) => fetch(url, init).then((r) => r.text()).then((t) => 'read ' + t.length + ' bytes: ' + t.slice(0, 200), (e) => 'blocked: ' + e.name);
        Promise.all([
          read(${JSON.stringify(target)}, { credentials: 'include' }).then((r) => (out.authorize = r)),
          read(${JSON.stringify(`${emulator.issuer}/oauth/v2/authorize/callback?id=x`)}, { credentials: 'include' }).then((r) => (out.callback = r)),
          read(${JSON.stringify(`${emulator.issuer}/oidc/v1/end_session`)}, { credentials: 'include' }).then((r) => (out.endSession = r)),
          read(${JSON.stringify(`${emulator.issuer}/.well-known/openid-configuration`)}, {}).then((r) => (out.discovery = r.slice(0, 4))),
          read(${JSON.stringify(`${emulator.issuer}/oauth/v2/token`)}, { credentials: 'include', method: 'POST', body: new URLSearchParams({ grant_type: 'x' }) }).then((r) => (out.tokenWithCredentials = r)),
          read(${JSON.stringify(`${emulator.issuer}/oauth/v2/token`)}, { method: 'POST', body: new URLSearchParams({ grant_type: 'x' }) }).then((r) => (out.token = r.slice(0, 4))),
        ]).then(() => { document.getElementById('result').textContent = JSON.stringify(out); });`;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>other</title><pre id="result"></pre><script>${script}</script>`);
      return;
    }
    if (url.pathname === '/login') return void res.writeHead(302, { Location: authorize.href }).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>callback</title><h1>Back</h1>');
  });
}

test.beforeAll(async () => {
  other = createOtherServer();
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  const { startEmulator } = (await import(LIBRARY_URL)) as typeof Library;
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', store: buildSeed(`${otherOrigin}/callback`), log: () => undefined });
});

test.afterAll(async () => {
  await emulator.close();
  await new Promise<void>((resolve) => other.close(() => resolve()));
});

test('a page on another port cannot read authorize, its callback or end_session with the login cookie', async ({ page }) => {
  // alice logs in: the browser now holds the emulator's login cookie.
  await page.goto(`${otherOrigin}/login`);
  await page.getByRole('listitem').filter({ hasText: 'alice' }).getByRole('button').click();
  await expect(page.getByRole('heading', { name: 'Back' })).toBeVisible();

  await page.goto(`${otherOrigin}/steal`);
  await expect(page.locator('#result')).not.toBeEmpty();
  const result = JSON.parse((await page.locator('#result').textContent()) ?? '{}') as Record<string, string>;
  expect(result).toEqual({
    authorize: 'blocked: TypeError',
    callback: 'blocked: TypeError',
    endSession: 'blocked: TypeError',
    // SPAs still read discovery and call the token endpoint, without credentials.
    discovery: 'read',
    tokenWithCredentials: 'blocked: TypeError',
    token: 'read',
  });
});
