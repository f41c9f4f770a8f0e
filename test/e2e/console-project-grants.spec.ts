// Project grants through the console: the demo project "Shop" (owned by Acme) is granted to a
// second org with one role, a user of that org gets the role through the grant, and the ID
// token of the demo "web" app names the second org (id and primary domain) as the granting org
// of that role. The login runs over plain HTTP: authorize → picker → callback → code → token.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Emulator } from '../../src/main/emulator.js';
import { go, startEmulator } from '../helpers/built-console.js';


const ROLE_CLAIM = 'urn:zitadel:iam:org:project:roles';
const REDIRECT_URI = 'http://localhost:3000/callback';

let emulator: Emulator;
let dir: string;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idp-console-grants-'));
  // A missing store file is created with the demo seed: Acme, project Shop (admin, editor, viewer), app "web".
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', storePath: join(dir, 'store.json'), log: () => undefined });
});

test.afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Cookies of a response as a Cookie header. */
function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

function location(res: Response): URL {
  const target = res.headers.get('location');
  expect(res.status, `expected a redirect from ${res.url}`).toBe(302);
  expect(target).toBeTruthy();
  return new URL(target ?? '', emulator.issuer);
}

/** authorize → one click in the user picker → callback with the session cookie → code → tokens (client_secret_basic). */
async function logIn(app: { clientId: string; clientSecret: string }, userId: string): Promise<Record<string, unknown>> {
  const authorize = new URL(`${emulator.issuer}/oauth/v2/authorize`);
  authorize.search = new URLSearchParams({ client_id: app.clientId, redirect_uri: REDIRECT_URI, response_type: 'code', scope: 'openid profile', state: 's1' }).toString();
  const started = await fetch(authorize, { redirect: 'manual' });
  const loginPage = location(started);
  expect(loginPage.pathname).toBe('/ui/login/login');
  const authRequestID = loginPage.searchParams.get('authRequestID') ?? '';
  // The auth request is bound to the browser that started it: send its cookie along.
  const picked = await fetch(`${emulator.issuer}/ui/login/picker`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookiesOf(started) },
    body: new URLSearchParams({ authRequestID, userId }),
  });
  const callback = location(picked);
  expect(callback.pathname).toBe('/oauth/v2/authorize/callback');
  expect(callback.searchParams.get('id')).toBe(authRequestID);
  const done = location(await fetch(callback, { redirect: 'manual', headers: { Cookie: cookiesOf(picked) } }));
  expect(`${done.origin}${done.pathname}`).toBe(REDIRECT_URI);
  expect(done.searchParams.get('state')).toBe('s1');
  const code = done.searchParams.get('code') ?? '';
  expect(code).not.toBe('');
  const enc = (v: string) => encodeURIComponent(v);
  const token = await fetch(`${emulator.issuer}/oauth/v2/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${enc(app.clientId)}:${enc(app.clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }),
  });
  const body = (await token.json()) as { id_token?: string };
  expect(token.status, JSON.stringify(body)).toBe(200);
  return JSON.parse(Buffer.from((body.id_token ?? '').split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

test('grant the demo project to a second org, give its user a shared role, and the ID token names that org', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(emulator.consoleUrl);
  await expect(page.getByTestId('issuer')).toHaveText(emulator.issuer);

  // A second organization.
  await go(page, 'Organizations');
  await page.getByRole('textbox', { name: 'New organization name' }).fill('Globex');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('form', { name: 'Organization Globex' })).toBeVisible();
  const globex = emulator.store.data.orgs.find((o) => o.name === 'Globex');
  expect(globex?.primaryDomain).toBe('globex.localhost');

  // Shop (owned by Acme) shares one role with Globex.
  await go(page, 'Projects');
  await expect(page.getByRole('form', { name: 'Project Shop' })).toBeVisible();
  const granted = page.getByRole('group', { name: 'Granted to organizations' });
  await expect(granted.getByLabel('Grant to organization')).toHaveValue(globex?.id ?? '');
  await granted.getByLabel('new project grant role editor').check();
  await granted.getByRole('button', { name: 'Add grant' }).click();
  const grantRow = granted.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Globex/ }) });
  await expect(grantRow).toHaveCount(1);
  await expect(grantRow.getByLabel('Globex role editor')).toBeChecked();
  await expect(grantRow.getByLabel('Globex role admin')).not.toBeChecked();
  await expect(granted.getByText('Every other organization has a grant of this project.')).toBeVisible();
  expect(emulator.store.data.projectGrants).toEqual([expect.objectContaining({ grantedOrgId: globex?.id, roleKeys: ['editor'] })]);

  // Editing the shared roles: add viewer, save; then take it back.
  await grantRow.getByLabel('Globex role viewer').check();
  await grantRow.getByRole('button', { name: 'Save Globex roles' }).click();
  await expect.poll(() => emulator.store.data.projectGrants[0]?.roleKeys).toEqual(['editor', 'viewer']);
  await granted.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Globex/ }) }).getByLabel('Globex role viewer').uncheck();
  await granted.getByRole('button', { name: 'Save Globex roles' }).click();
  await expect.poll(() => emulator.store.data.projectGrants[0]?.roleKeys).toEqual(['editor']);
  await expect(page.getByRole('option', { name: /Shop.*granted to 1/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/console/project-grants.png' });

  // A user of Globex: the grant goes through the project grant and offers only the shared role.
  await go(page, 'Users');
  await page.getByLabel('Organization of the new user').selectOption(globex?.id ?? '');
  await page.getByRole('textbox', { name: 'New user name' }).fill('gina');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('form', { name: 'User gina' })).toBeVisible();
  const grants = page.getByRole('group', { name: 'Grants' });
  await expect(grants.getByLabel('Grant project')).toContainText('Shop — granted to Globex by Acme');
  await expect(grants.getByLabel('new grant role editor')).toBeVisible();
  await expect(grants.getByLabel('new grant role admin')).toHaveCount(0);
  await expect(grants.getByText(/only the roles Acme shares/)).toBeVisible();
  await grants.getByLabel('new grant role editor').check();
  await grants.getByRole('button', { name: 'Grant', exact: true }).click();
  const userGrantRow = grants.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Shop' }) });
  await expect(userGrantRow).toHaveCount(1);
  // Which org grants the role: Globex, through the project grant.
  await expect(userGrantRow).toContainText('Globex');
  await expect(userGrantRow).toContainText('globex.localhost');
  await expect(userGrantRow).toContainText('project grant');
  await expect(userGrantRow.getByLabel('Shop role admin')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/console/users-project-grant.png' });

  const gina = emulator.store.data.users.find((u) => u.userName === 'gina');
  const projectGrant = emulator.store.data.projectGrants[0];
  expect(emulator.store.data.userGrants.filter((g) => g.userId === gina?.id)).toEqual([
    expect.objectContaining({ projectGrantId: projectGrant?.id, roleKeys: ['editor'] }),
  ]);

  // Unsharing a role a user holds through the grant is refused; the row says why and keeps the input.
  await go(page, 'Projects');
  const row = page.getByRole('group', { name: 'Granted to organizations' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Globex/ }) });
  await expect(row).toContainText('1 held');
  await row.getByLabel('Globex role editor').uncheck();
  await row.getByRole('button', { name: 'Save Globex roles' }).click();
  await expect(row.getByRole('alert')).toContainText('does not share role "editor"');
  await expect(row.getByLabel('Globex role editor')).not.toBeChecked();
  expect(emulator.store.data.projectGrants[0]?.roleKeys).toEqual(['editor']);

  // The demo "web" app asserts roles in the ID token: editor, granted by Globex.
  const web = emulator.store.data.apps.find((a) => a.name === 'web');
  const claims = await logIn({ clientId: web?.clientId ?? '', clientSecret: web?.clientSecret ?? '' }, gina?.id ?? '');
  expect(claims.sub).toBe(gina?.id);
  expect(claims[ROLE_CLAIM]).toEqual({ editor: { [globex?.id ?? '']: 'globex.localhost' } });

  // Removing the project grant takes the user grant made through it.
  await row.getByRole('button', { name: 'Remove Globex' }).click();
  await expect(page.getByRole('group', { name: 'Granted to organizations' }).getByRole('row')).toHaveCount(0);
  await expect.poll(() => emulator.store.data.userGrants.filter((g) => g.userId === gina?.id)).toEqual([]);
});
