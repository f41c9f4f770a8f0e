// User groups through the console (issue #13): create a group in the demo org, add alice and
// bob as members, save, remove bob again; the demo "web" app then sees alice's group in the ID
// token's `groups` and `urn:zitadel:iam:user:groups` claims. The login runs over plain HTTP:
// authorize → picker → callback → code → token.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Emulator } from '../../src/main/emulator.js';
import { go, startEmulator } from '../helpers/built-console.js';

const REDIRECT_URI = 'http://localhost:3000/callback';

let emulator: Emulator;
let dir: string;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idp-console-groups-'));
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', storePath: join(dir, 'store.json'), log: () => undefined });
});

test.afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

function location(res: Response): URL {
  expect(res.status, `expected a redirect from ${res.url}`).toBe(302);
  return new URL(res.headers.get('location') ?? '', emulator.issuer);
}

/** The ID token claims of a code login of `userId` to `app` with `scope`. */
async function idTokenClaims(app: { clientId: string; clientSecret: string }, userId: string, scope: string): Promise<Record<string, unknown>> {
  const authorize = new URL(`${emulator.issuer}/oauth/v2/authorize`);
  authorize.search = new URLSearchParams({ client_id: app.clientId, redirect_uri: REDIRECT_URI, response_type: 'code', scope, state: 's1' }).toString();
  const started = await fetch(authorize, { redirect: 'manual' });
  const authRequestID = location(started).searchParams.get('authRequestID') ?? '';
  // The auth request is bound to the browser that started it: send its cookie along.
  const browser = started.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const picked = await fetch(`${emulator.issuer}/ui/login/picker`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: browser },
    body: new URLSearchParams({ authRequestID, userId }),
  });
  const cookie = picked.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const done = location(await fetch(location(picked), { redirect: 'manual', headers: { Cookie: cookie } }));
  const code = done.searchParams.get('code') ?? '';
  const token = await fetch(`${emulator.issuer}/oauth/v2/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(app.clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }),
  });
  const body = (await token.json()) as { id_token?: string };
  expect(token.status, JSON.stringify(body)).toBe(200);
  return JSON.parse(Buffer.from((body.id_token ?? '').split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

test('create a group, add and remove members, and the ID token carries the group claims', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(emulator.consoleUrl);
  await expect(page.getByTestId('issuer')).toHaveText(emulator.issuer);

  await go(page, 'Groups');
  await expect(page.getByText('No groups yet')).toBeVisible();
  await page.getByRole('textbox', { name: 'New group name' }).fill('Sales');
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'Group Sales' });
  await expect(form).toBeVisible();
  const acme = emulator.store.data.orgs.find((o) => o.name === 'Acme');
  expect(emulator.store.data.groups).toEqual([expect.objectContaining({ name: 'Sales', orgId: acme?.id, userIds: [] })]);

  // Add alice and bob, save; then remove bob and save again.
  const members = form.getByRole('group', { name: 'Members' });
  await members.getByLabel('User to add').selectOption({ label: 'alice (Acme)' });
  await members.getByRole('button', { name: '+ Add member' }).click();
  await members.getByLabel('User to add').selectOption({ label: 'bob (Acme)' });
  await members.getByRole('button', { name: '+ Add member' }).click();
  await form.getByRole('button', { name: 'Save' }).click();
  const alice = emulator.store.data.users.find((u) => u.userName === 'alice');
  const bob = emulator.store.data.users.find((u) => u.userName === 'bob');
  await expect.poll(() => emulator.store.data.groups[0]?.userIds).toEqual([alice?.id, bob?.id]);
  await expect(page.getByRole('option', { name: /Sales.*2 members/ })).toBeVisible();
  await members.getByRole('button', { name: 'Remove member bob' }).click();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => emulator.store.data.groups[0]?.userIds).toEqual([alice?.id]);
  await page.screenshot({ path: 'test-results/console/groups.png' });

  const web = emulator.store.data.apps.find((a) => a.name === 'web');
  const app = { clientId: web?.clientId ?? '', clientSecret: web?.clientSecret ?? '' };
  const group = emulator.store.data.groups[0];
  const claims = await idTokenClaims(app, alice?.id ?? '', 'openid groups urn:zitadel:iam:user:groups');
  expect(claims.groups).toEqual(['Sales']);
  expect(claims['urn:zitadel:iam:user:groups']).toEqual([{ id: group?.id, name: 'Sales' }]);
  expect(await idTokenClaims(app, bob?.id ?? '', 'openid groups')).not.toHaveProperty('groups');
});
