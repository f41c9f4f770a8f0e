// Issue 3 in a real browser: a tiny relying party served by the test builds a code + PKCE (S256)
// authorize URL, Chromium logs in through the emulator's user picker, and the RP redeems the code
// server-side (client_secret_basic, reference §4.1, §4.2) and shows the ID token's `sub`.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type * as Library from '../../src/main/index.js';
import type { Emulator, StoreInput } from '../../src/main/index.js';

// The built library (package.json "exports"), produced by `electron-vite build` before Playwright
// runs: the sources cannot be loaded by Playwright's Node ESM loader while src/main/emulator.ts
// imports package.json without `with { type: 'json' }`.
const LIBRARY_URL = new URL('../../out/main/lib.js', import.meta.url).href;

const IDS = {
  instance: '600000000000000001',
  org: '600000000000000002',
  project: '600000000000000010',
  app: '600000000000000020',
  clientId: '600000000000000030',
  alice: '600000000000000040',
  bob: '600000000000000041',
} as const;
const SECRET = 'rp-secret!';

function buildSeed(redirectUri: string): StoreInput {
  const human = (id: string, userName: string, givenName: string) => ({
    id,
    orgId: IDS.org,
    userName,
    human: { profile: { givenName, familyName: 'Example', displayName: `${givenName} Example` }, password: 'Password1!' },
  });
  return {
    version: 1,
    instance: { id: IDS.instance, name: 'Local', defaultOrgId: IDS.org },
    orgs: [{ id: IDS.org, name: 'Acme', primaryDomain: 'acme.localhost' }],
    projects: [{ id: IDS.project, orgId: IDS.org, name: 'Shop' }],
    apps: [
      {
        id: IDS.app,
        projectId: IDS.project,
        name: 'web',
        clientId: IDS.clientId,
        clientSecret: SECRET,
        oidc: { appType: 'web', authMethod: 'basic', redirectUris: [redirectUri], responseTypes: ['code'], grantTypes: ['authorization_code'] },
        keys: [],
      },
    ],
    users: [human(IDS.alice, 'alice', 'Alice'), human(IDS.bob, 'bob', 'Bob')],
    userGrants: [],
    signingKeys: [],
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface Pending {
  verifier: string;
  nonce: string;
}

/** The relying party: "/" links to the authorize URL, "/callback" redeems the code and shows `sub`. */
function createRelyingParty(getIssuer: () => string): { server: Server; redirectUri: () => string } {
  const pending = new Map<string, Pending>();
  let redirectUri = '';
  const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', redirectUri);
    const send = (status: number, title: string, body: string) => {
      res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' }).end(page(title, body));
    };
    void (async () => {
      if (url.pathname === '/') {
        const verifier = randomBytes(32).toString('base64url');
        const state = randomBytes(16).toString('base64url');
        const nonce = randomBytes(16).toString('base64url');
        pending.set(state, { verifier, nonce });
        const authorize = new URL(`${getIssuer()}/oauth/v2/authorize`);
        authorize.search = new URLSearchParams({
          client_id: IDS.clientId,
          redirect_uri: redirectUri,
          response_type: 'code',
          scope: 'openid profile',
          state,
          nonce,
          code_challenge: createHash('sha256').update(verifier).digest('base64url'),
          code_challenge_method: 'S256',
        }).toString();
        return send(200, 'RP', `<h1>Relying party</h1><a href="${escapeHtml(authorize.href)}">Log in</a>`);
      }
      if (url.pathname === '/callback') {
        const state = url.searchParams.get('state') ?? '';
        const login = pending.get(state);
        pending.delete(state);
        if (!login) return send(400, 'Error', '<p id="error">unknown state</p>');
        const token = await fetch(`${getIssuer()}/oauth/v2/token`, {
          method: 'POST',
          headers: {
            Authorization: `Basic ${Buffer.from(`${encodeURIComponent(IDS.clientId)}:${encodeURIComponent(SECRET)}`).toString('base64')}`,
            'Content-Type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code: url.searchParams.get('code') ?? '',
            redirect_uri: redirectUri,
            code_verifier: login.verifier,
          }),
        });
        const body = (await token.json()) as { id_token?: string; error?: string };
        if (token.status !== 200 || !body.id_token) return send(502, 'Error', `<p id="error">${escapeHtml(JSON.stringify(body))}</p>`);
        const { payload } = await jwtVerify(body.id_token, createRemoteJWKSet(new URL(`${getIssuer()}/oauth/v2/keys`)), {
          issuer: getIssuer(),
          audience: IDS.clientId,
        });
        if (payload.nonce !== login.nonce) return send(400, 'Error', '<p id="error">nonce mismatch</p>');
        return send(200, 'Signed in', `<h1>Signed in</h1><p>sub: <code id="sub">${escapeHtml(String(payload.sub))}</code></p>`);
      }
      send(404, 'Not found', '<p>not found</p>');
    })().catch((err: unknown) => send(500, 'Error', `<p id="error">${escapeHtml(String(err))}</p>`));
  });
  return {
    server,
    redirectUri: () => {
      const { port } = server.address() as AddressInfo;
      redirectUri = `http://127.0.0.1:${port}/callback`;
      return redirectUri;
    },
  };
}

let emulator: Emulator;
let rp: ReturnType<typeof createRelyingParty>;
let rpOrigin: string;

test.beforeAll(async () => {
  rp = createRelyingParty(() => emulator.issuer);
  await new Promise<void>((resolve) => rp.server.listen(0, '127.0.0.1', resolve));
  const redirectUri = rp.redirectUri();
  rpOrigin = new URL(redirectUri).origin;
  const { startEmulator } = (await import(LIBRARY_URL)) as typeof Library;
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', store: buildSeed(redirectUri), log: () => undefined });
});

test.afterAll(async () => {
  await emulator.close();
  await new Promise<void>((resolve) => rp.server.close(() => resolve()));
});

test('a relying party logs alice in through the user picker and shows her user id', async ({ page }, testInfo) => {
  await page.goto(`${rpOrigin}/`);
  await page.getByRole('link', { name: 'Log in' }).click();

  await expect(page).toHaveURL(new RegExp(`^${emulator.issuer.replace(/[.]/g, '\\.')}/ui/login/login\\?authRequestID=`));
  await expect(page.getByRole('heading', { name: 'Login', level: 1 })).toBeVisible();
  const alice = page.getByRole('listitem').filter({ hasText: 'alice' }).getByRole('button');
  await expect(alice).toHaveCount(1);
  const picker = testInfo.outputPath('login-picker.png');
  await page.screenshot({ path: picker, fullPage: true });
  await testInfo.attach('user picker', { path: picker, contentType: 'image/png' });
  await alice.click();

  await expect(page).toHaveURL(new RegExp(`^${rpOrigin.replace(/[.]/g, '\\.')}/callback\\?`));
  await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await expect(page.locator('#sub')).toHaveText(IDS.alice);

  const screenshot = testInfo.outputPath('login-signed-in.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach('signed in', { path: screenshot, contentType: 'image/png' });
});
