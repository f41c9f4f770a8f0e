// Actions in the console: create a v2 target for a local action server, make it run for
// preuserinfo, send it a test call and read the reply; write a v1 script whose syntax error
// shows before saving, fix and save it, hook it to pre userinfo creation; then a login's token
// row in Activity shows both calls and the ID token's claims say which action added them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Emulator } from '../../src/main/emulator.js';
import { go, startEmulator } from '../helpers/built-console.js';
import { startActionServer, type ActionServer } from '../actions/action-server.js';

const REDIRECT_URI = 'http://localhost:3000/callback';

let emulator: Emulator;
let server: ActionServer;
let dir: string;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idp-console-actions-'));
  server = await startActionServer();
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', storePath: join(dir, 'store.json'), log: () => undefined });
});

test.afterAll(async () => {
  await emulator?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

function location(res: Response): URL {
  expect(res.status, `expected a redirect from ${res.url}`).toBe(302);
  return new URL(res.headers.get('location') ?? '', emulator.issuer);
}

/** The demo "web" app logs alice in through the user picker and redeems the code; the ID token's claims. */
async function logInAlice(): Promise<Record<string, unknown>> {
  const web = emulator.store.data.apps.find((a) => a.name === 'web');
  const alice = emulator.store.data.users.find((u) => u.userName === 'alice');
  const authorize = new URL(`${emulator.issuer}/oauth/v2/authorize`);
  authorize.search = new URLSearchParams({ client_id: web?.clientId ?? '', redirect_uri: REDIRECT_URI, response_type: 'code', scope: 'openid', state: 's1' }).toString();
  const started = await fetch(authorize, { redirect: 'manual' });
  const authRequestID = location(started).searchParams.get('authRequestID') ?? '';
  // The auth request is bound to the browser that started it: send its cookie along.
  const browser = started.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const picked = await fetch(`${emulator.issuer}/ui/login/picker`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: browser },
    body: new URLSearchParams({ authRequestID, userId: alice?.id ?? '' }),
  });
  const cookie = picked.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const code = location(await fetch(location(picked), { redirect: 'manual', headers: { Cookie: cookie } })).searchParams.get('code') ?? '';
  const token = await fetch(`${emulator.issuer}/oauth/v2/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${web?.clientId ?? ''}:${encodeURIComponent(web?.clientSecret ?? '')}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }),
  });
  const body = (await token.json()) as { id_token?: string };
  expect(token.status, JSON.stringify(body)).toBe(200);
  return JSON.parse(Buffer.from((body.id_token ?? '').split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

test('create a target and a v1 script in the console, test the target, and see both in Activity', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  server.reply('/crm', { body: { append_claims: [{ key: 'tier', value: 'gold' }] } });
  await page.goto(emulator.consoleUrl);
  await go(page, 'Actions');
  await expect(page.getByText('No actions')).toBeVisible();

  // A v2 target, called for preuserinfo.
  await page.getByRole('textbox', { name: 'New target name' }).fill('crm');
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'Target crm' });
  await expect(form).toBeVisible();
  await expect(form.getByTestId('signing-key')).toHaveText(/^[A-Za-z0-9]{36}$/);
  await form.getByLabel('Endpoint').fill(server.url('/crm'));
  await form.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => emulator.store.data.targets[0]?.endpoint).toBe(server.url('/crm'));
  await page.getByRole('group', { name: 'Runs for' }).getByLabel(/^preuserinfo/).check();
  await expect.poll(() => emulator.store.data.executions).toEqual([{ function: 'preuserinfo', targets: [emulator.store.data.targets[0]?.id] }]);

  // The test call shows the reply.
  await page.getByRole('button', { name: 'Send test call' }).click();
  const result = page.getByTestId('test-result');
  await expect(result).toContainText('Reply 200');
  await expect(result.getByLabel('Reply body')).toContainText('"key": "tier",');
  await expect(result.getByLabel('Reply body')).toContainText('"value": "gold"');
  expect(server.callsTo('/crm')).toHaveLength(1);

  // A v1 script: a syntax error shows before saving, with its line.
  await page.getByLabel('Kind').selectOption('v1');
  await page.getByRole('textbox', { name: 'New v1 action name' }).fill('plan');
  await page.keyboard.press('Enter');
  const script = page.getByRole('form', { name: 'Script plan' });
  await expect(script).toBeVisible();
  const editor = script.getByLabel('Script', { exact: true });
  await editor.fill("function plan(ctx, api) {\n  api.v1.claims.setClaim('plan', \n}");
  await expect(script.getByRole('alert')).toContainText("syntax error at line 3: Unexpected token '}'");
  await editor.fill("function plan(ctx, api) {\n  api.v1.claims.setClaim('plan', 'pro');\n}");
  await expect(script.getByText(/Syntax OK/)).toBeVisible();
  await script.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => emulator.store.data.actions[0]?.script).toContain("'pro'");
  await page.getByRole('group', { name: 'Triggers' }).getByLabel(/^Pre userinfo creation/).check();
  await expect.poll(() => emulator.store.data.flows.map((f) => f.trigger)).toEqual(['preUserinfoCreation']);
  await page.screenshot({ path: 'test-results/console/actions-script.png' });

  // A login: v1 runs, then the target; Activity shows both and the claims' provenance.
  const claims = await logInAlice();
  expect(claims.plan).toBe('pro');
  expect(claims.tier).toBe('gold');
  await go(page, 'Activity');
  await page.locator('[role="option"][data-kind="token"]').first().click();
  const calls = page.getByTestId('action-call');
  await expect(calls).toHaveCount(2);
  await expect(calls.nth(0)).toContainText('v1 script plan');
  await expect(calls.nth(1)).toContainText('target crm');
  await expect(calls.nth(1)).toContainText('added');
  const detail = page.getByRole('region', { name: 'Request detail' });
  // The ID token's claims table: each action claim's "why" names the action.
  await expect(detail.getByRole('row').filter({ hasText: 'target "crm" (preuserinfo)' })).toContainText('tier');
  await expect(detail.getByRole('row').filter({ hasText: 'v1 action "plan" (preUserinfoCreation)' })).toContainText('plan');
  await page.screenshot({ path: 'test-results/console/actions-activity.png' });

  // Execution order: a second target runs after crm until it is moved earlier.
  await go(page, 'Actions');
  await page.getByLabel('Kind').selectOption('target');
  await page.getByRole('textbox', { name: 'New target name' }).fill('audit');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('form', { name: 'Target audit' })).toBeVisible();
  const runsFor = page.getByRole('group', { name: 'Runs for' });
  await runsFor.getByLabel(/^preuserinfo/).check();
  await expect(runsFor).toContainText('order: crm → audit');
  await runsFor.getByRole('button', { name: 'Run earlier in preuserinfo' }).click();
  await expect(runsFor).toContainText('order: audit → crm');
  const ids = Object.fromEntries(emulator.store.data.targets.map((t) => [t.name, t.id]));
  expect(emulator.store.data.executions).toEqual([{ function: 'preuserinfo', targets: [ids.audit, ids.crm] }]);
});

test('the Actions page reads in dark mode, a script error included', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(emulator.consoleUrl);
  await go(page, 'Actions');
  await page.getByRole('option', { name: /plan/ }).click();
  const script = page.getByRole('form', { name: 'Script plan' });
  await script.getByLabel('Script', { exact: true }).fill('function plan(ctx, api) {');
  await expect(script.getByRole('alert')).toContainText('syntax error at line 1: Unexpected end of input');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
  expect(r + g + b, `body background ${background}`).toBeLessThan(3 * 64);
  await page.screenshot({ path: 'test-results/console/dark-actions.png' });
});
