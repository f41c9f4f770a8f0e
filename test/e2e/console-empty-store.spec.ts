// From an empty store (one org, nothing else) to a logged-in relying party, using only the
// console: project + role, web app (Code preset), human user with password and grant; then the
// token exchange shows up in Activity with the role claim and why it is there. Screenshots of
// every page go to test-results/console/<page>.png.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Emulator } from '../../src/main/emulator.js';
import { go, startEmulator } from '../helpers/built-console.js';


const SHOTS = 'test-results/console';
const ROLE_CLAIM = 'urn:zitadel:iam:org:project:roles';

const MINIMAL_STORE = {
  version: 1,
  instance: { id: '100000000000000001', defaultOrgId: '200000000000000001' },
  orgs: [{ id: '200000000000000001', name: 'Acme', primaryDomain: 'acme.localhost' }],
};

interface RelyingParty {
  server: Server;
  origin: string;
  callback: string;
  config: { clientId: string; clientSecret: string };
}

/** A tiny confidential client: "/" links to authorize, "/callback" exchanges the code. */
async function startRelyingParty(issuer: () => string): Promise<RelyingParty> {
  const config = { clientId: '', clientSecret: '' };
  const rp = { config } as RelyingParty;
  rp.server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', rp.origin);
    const html = (status: number, body: string) => {
      res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>RP</title>${body}`);
    };
    if (url.pathname === '/') {
      const authorize = new URL(`${issuer()}/oauth/v2/authorize`);
      authorize.search = new URLSearchParams({
        client_id: config.clientId,
        redirect_uri: rp.callback,
        response_type: 'code',
        scope: 'openid profile email',
        state: 'rp-state',
      }).toString();
      return html(200, `<h1>Sample app</h1><a href="${authorize.href}">Log in</a>`);
    }
    if (url.pathname === '/callback') {
      const code = url.searchParams.get('code');
      if (!code) return html(400, `<p id="error">${url.searchParams.get('error') ?? 'no code'}</p>`);
      void fetch(`${issuer()}/oauth/v2/token`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: `Basic ${Buffer.from(`${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: rp.callback }),
      })
        .then(async (r) => ({ status: r.status, body: (await r.json()) as { id_token?: string } }))
        .then(({ status, body }) => {
          const claims = body.id_token ? (JSON.parse(Buffer.from(body.id_token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>) : {};
          html(status === 200 ? 200 : 502, `<p id="status">token ${status}</p><p id="who">Logged in as ${String(claims.preferred_username)}</p><pre id="claims">${JSON.stringify(claims)}</pre>`);
        })
        .catch((err: unknown) => html(500, `<p id="error">${String(err)}</p>`));
      return;
    }
    html(404, 'not found');
  });
  await new Promise<void>((resolve) => rp.server.listen(0, '127.0.0.1', resolve));
  const { port } = rp.server.address() as AddressInfo;
  rp.origin = `http://127.0.0.1:${port}`;
  rp.callback = `${rp.origin}/callback`;
  return rp;
}

let emulator: Emulator;
let rp: RelyingParty;
let dir: string;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idp-console-e2e-'));
  const storePath = join(dir, 'store.json');
  await writeFile(storePath, JSON.stringify(MINIMAL_STORE, null, 2));
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', storePath, log: () => undefined });
  rp = await startRelyingParty(() => emulator.issuer);
  await mkdir(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await emulator?.close();
  await new Promise((resolve) => rp?.server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

test('without the admin token the console says to open the startup URL', async ({ page }) => {
  await page.goto(`${emulator.issuer}/ui/console/`);
  await expect(page.getByRole('alert')).toContainText('console URL printed at startup');
  await shot(page, 'token-missing');
  await page.goto(`${emulator.issuer}/ui/console/#token=wrong`);
  await expect(page.getByRole('heading', { name: 'This console link has expired' })).toBeVisible();
});

test('empty store → project, role, web app, user, grant → RP login → token in Activity with role provenance', async ({ page, context }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(emulator.consoleUrl);
  // The token leaves the address bar at once.
  await expect(page).not.toHaveURL(/token=/);
  await expect(page.getByTestId('issuer')).toHaveText(emulator.issuer);
  await expect(page.getByRole('region', { name: 'Try it' })).toBeVisible();
  await expect(page.getByText('No app with a redirect URI yet')).toBeVisible();
  await shot(page, 'activity-empty');

  // Project with a role; roles asserted.
  await go(page, 'Projects');
  await expect(page.getByText('No projects yet')).toBeVisible();
  await page.getByRole('textbox', { name: 'New project name' }).fill('Shop');
  await page.keyboard.press('Enter');
  const projectForm = page.getByRole('form', { name: 'Project Shop' });
  await expect(projectForm).toBeVisible();
  await projectForm.getByRole('button', { name: '+ Add role' }).click();
  await projectForm.getByLabel('Role 1 key').fill('admin');
  await projectForm.getByLabel('Role 1 display name').fill('Administrator');
  await projectForm.getByLabel('Assert roles on authentication').check();
  await projectForm.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('option', { name: /Shop.*1 roles/ })).toBeVisible();
  await expect(projectForm.getByText('unsaved changes')).toHaveCount(0);

  // Web app from the Code preset, redirecting to the RP.
  await go(page, 'Apps');
  await page.getByRole('radio', { name: 'Code' }).check();
  await page.getByLabel('Redirect URI').fill(rp.callback);
  await page.getByRole('textbox', { name: 'New app name' }).fill('shop-web');
  await page.getByRole('button', { name: 'Create' }).click();
  const appForm = page.getByRole('form', { name: 'App shop-web' });
  await expect(appForm).toBeVisible();
  rp.config.clientId = (await page.getByTestId('once-client id').textContent()) ?? '';
  rp.config.clientSecret = (await page.getByTestId('once-client secret').textContent()) ?? '';
  expect(rp.config.clientId).toMatch(/^\d{18}$/);
  expect(rp.config.clientSecret).toHaveLength(64);
  await expect(appForm.getByLabel('Redirect URIs 1', { exact: true })).toHaveValue(rp.callback);
  await expect(appForm.getByTestId('env-snippet')).toContainText(`OIDC_CLIENT_ID=${rp.config.clientId}`);
  await appForm.getByLabel('User roles inside ID token').check();
  await appForm.getByLabel('User info inside ID token').check();
  await appForm.getByRole('button', { name: 'Save' }).click();
  await expect(appForm.getByText('unsaved changes')).toHaveCount(0);
  await expect(appForm.getByLabel('User roles inside ID token')).toBeChecked();
  await shot(page, 'apps');

  // Human user with a password and a grant.
  await go(page, 'Users');
  await page.getByRole('textbox', { name: 'New user name' }).fill('alice');
  await page.keyboard.press('Enter');
  const userForm = page.getByRole('form', { name: 'User alice' });
  await expect(userForm).toBeVisible();
  await userForm.getByLabel('Given name').fill('Alice');
  await userForm.getByLabel('Family name').fill('Smith');
  await userForm.getByLabel('Email', { exact: true }).fill('alice@acme.localhost');
  await userForm.getByLabel('Email verified').check();
  await userForm.getByLabel('Password').fill('Password1!');
  await userForm.getByRole('button', { name: 'Save' }).click();
  await expect(userForm.getByText('unsaved changes')).toHaveCount(0);
  await page.getByLabel('new grant role admin').check();
  await page.getByRole('button', { name: 'Grant', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Grants' }).getByRole('rowheader', { name: 'Shop' })).toBeVisible();
  await shot(page, 'users-human');

  // The relying party logs alice in through the emulator's login pages.
  const rpPage = await context.newPage();
  await rpPage.goto(rp.origin);
  await rpPage.getByRole('link', { name: 'Log in' }).click();
  await rpPage.getByLabel('Login name').fill('alice');
  await rpPage.getByRole('button', { name: 'Next' }).click();
  await rpPage.getByLabel('Password').fill('Password1!');
  await rpPage.getByRole('button', { name: 'Next' }).click();
  await expect(rpPage.locator('#status')).toHaveText('token 200');
  await expect(rpPage.locator('#who')).toHaveText('Logged in as alice');
  await expect(rpPage.locator('#claims')).toContainText(ROLE_CLAIM);
  await rpPage.close();

  // Activity shows the token exchange with the role claim and its provenance.
  await go(page, 'Activity');
  const tokenRow = page.getByRole('option').filter({ hasText: 'authorization_code' });
  await expect(tokenRow).toHaveCount(1);
  await expect(tokenRow).toContainText('shop-web');
  await expect(tokenRow).toContainText('alice');
  await tokenRow.click();
  const detail = page.getByRole('region', { name: 'Request detail' });
  await expect(detail.getByRole('button', { name: 'copy as curl' })).toBeVisible();
  const idToken = detail.getByRole('region', { name: 'ID token' });
  const roleRow = idToken.getByRole('row').filter({ has: page.getByRole('rowheader', { name: ROLE_CLAIM, exact: true }) });
  await expect(roleRow).toHaveCount(1);
  await expect(roleRow).toContainText('admin');
  await expect(roleRow).toContainText(/user grant \d+ \(project Shop\)/);
  await expect(roleRow).toContainText('idTokenRoleAssertion');
  await expect(idToken.getByText(/expires in/)).toBeVisible();
  await expect(idToken.getByText('signature ✓ (this emulator)')).toBeVisible();
  // Rows of one login session are grouped under it.
  await expect(page.getByRole('group', { name: /^session / }).first()).toBeVisible();
  await expect(page.getByTestId('count-tokens')).not.toHaveText('0');
  await shot(page, 'activity');

  // Inspector: paste the ID token from the RP's exchange (copied out of the detail).
  const jwt = (await idToken.getAttribute('data-token')) ?? '';
  expect(jwt.split('.')).toHaveLength(3);
  await go(page, 'Inspector');
  await page.getByLabel('Token', { exact: true }).fill(jwt);
  await expect(page.getByText('signature ✓ (this emulator)')).toBeVisible();
  await expect(page.getByTestId('inspect-active')).toBeVisible();
  await expect(page.getByRole('rowheader', { name: ROLE_CLAIM, exact: true })).toBeVisible();
  await shot(page, 'inspector');

  // The remaining pages.
  await go(page, 'Organizations');
  await expect(page.getByRole('form', { name: 'Organization Acme' })).toBeVisible();
  await shot(page, 'organizations');
  await go(page, 'Projects');
  await expect(page.getByRole('form', { name: 'Project Shop' })).toBeVisible();
  await shot(page, 'projects');
  await go(page, 'Users');
  await page.getByRole('tab', { name: /Service/ }).click();
  await page.getByRole('textbox', { name: 'New service user name' }).fill('ci-bot');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('form', { name: 'Service user ci-bot' })).toBeVisible();
  await page.getByRole('button', { name: 'Generate secret' }).click();
  await expect(page.getByTestId('once-client id')).toHaveText('ci-bot');
  await shot(page, 'users-service');
  await go(page, 'Settings');
  await expect(page.getByRole('region', { name: 'Signing keys' })).toContainText('active (signing)');
  await expect(page.locator('pre.jwks')).toContainText('"kty": "RSA"');
  await shot(page, 'settings');
});
