// Every console page with `prefers-color-scheme: dark`, on the demo store (plus one login so
// Activity and the Inspector have tokens to show): the page background is dark, and a
// screenshot of each page lands in test-results/console/dark-<page>.png for a look.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Emulator } from '../../src/main/emulator.js';
import { go, startEmulator } from '../helpers/built-console.js';


const SHOTS = 'test-results/console';

let emulator: Emulator;
let dir: string;

test.use({ colorScheme: 'dark', viewport: { width: 1280, height: 800 } });

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idp-console-dark-'));
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', storePath: join(dir, 'store.json'), log: () => undefined });
  await mkdir(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

async function shot(page: Page, name: string): Promise<void> {
  // The page itself, not only the browser's default canvas, is dark.
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
  expect(r + g + b, `${name}: body background ${background}`).toBeLessThan(3 * 64);
  await page.screenshot({ path: `${SHOTS}/dark-${name}.png` });
}

/** A code-flow login of alice with the demo "web" app, so Activity has a token request. */
async function loginAlice(page: Page): Promise<void> {
  const web = emulator.store.data.apps.find((a) => a.name === 'web');
  const alice = emulator.store.data.users.find((u) => u.userName === 'alice');
  const authorize = new URL(`${emulator.issuer}/oauth/v2/authorize`);
  authorize.search = new URLSearchParams({
    client_id: web?.clientId ?? '',
    redirect_uri: 'http://localhost:3000/callback',
    response_type: 'code',
    scope: 'openid profile email',
  }).toString();
  const login = await fetch(authorize, { redirect: 'manual' });
  const authRequestID = new URL(login.headers.get('location') ?? '', emulator.issuer).searchParams.get('authRequestID') ?? '';
  // The auth request is bound to the browser that started it: send its cookie along.
  const browser = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const picked = await fetch(`${emulator.issuer}/ui/login/picker`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: browser },
    body: new URLSearchParams({ authRequestID, userId: alice?.id ?? '' }),
  });
  const cookie = picked.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const done = await fetch(new URL(picked.headers.get('location') ?? '', emulator.issuer), { redirect: 'manual', headers: { Cookie: cookie } });
  const code = new URL(done.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const token = await fetch(`${emulator.issuer}/oauth/v2/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${web?.clientId}:${web?.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: 'http://localhost:3000/callback' }),
  });
  expect(token.status).toBe(200);
  await expect(page.getByRole('option').filter({ hasText: 'authorization_code' })).toHaveCount(1);
}

test('every page reads in dark mode', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(`${emulator.issuer}/ui/console/`);
  await expect(page.getByRole('alert')).toContainText('console URL printed at startup');
  await shot(page, 'token-missing');

  await page.goto(emulator.consoleUrl);
  await expect(page.getByRole('region', { name: 'Try it' })).toBeVisible();
  await shot(page, 'activity-empty');
  await loginAlice(page);
  await page.getByRole('option').filter({ hasText: 'authorization_code' }).click();
  const idToken = page.getByRole('region', { name: 'Request detail' }).getByRole('region', { name: 'ID token' });
  await expect(idToken).toBeVisible();
  await shot(page, 'activity');

  const jwt = (await idToken.getAttribute('data-token')) ?? '';
  await go(page, 'Inspector');
  await page.getByLabel('Token', { exact: true }).fill(jwt);
  await expect(page.getByText('signature ✓ (this emulator)')).toBeVisible();
  await shot(page, 'inspector');

  await go(page, 'Organizations');
  await page.getByRole('textbox', { name: 'New organization name' }).fill('Globex');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('form', { name: 'Organization Globex' })).toBeVisible();
  await shot(page, 'organizations');

  await go(page, 'Projects');
  const granted = page.getByRole('group', { name: 'Granted to organizations' });
  await granted.getByLabel('new project grant role viewer').check();
  await granted.getByRole('button', { name: 'Add grant' }).click();
  await expect(granted.getByRole('rowheader', { name: /Globex/ })).toBeVisible();
  // An invalid role key shows the error colours too.
  const projectForm = page.getByRole('form', { name: 'Project Shop' });
  await projectForm.getByRole('button', { name: '+ Add role' }).click();
  await projectForm.getByRole('button', { name: 'Save' }).click();
  await expect(projectForm.getByText(/Not saved/)).toBeVisible();
  await shot(page, 'projects');
  await projectForm.getByRole('button', { name: 'Revert' }).click();

  await go(page, 'Apps');
  await expect(page.getByRole('form', { name: 'App web' })).toBeVisible();
  await page.getByRole('button', { name: 'Regenerate secret' }).click();
  await expect(page.getByTestId('once-client secret')).toBeVisible();
  await page.getByRole('status').scrollIntoViewIfNeeded();
  await shot(page, 'apps');

  await go(page, 'Users');
  await expect(page.getByRole('form', { name: 'User alice' })).toBeVisible();
  await shot(page, 'users-human');
  await page.getByRole('tab', { name: /Service/ }).click();
  await expect(page.getByRole('form', { name: 'Service user ci-bot' })).toBeVisible();
  await shot(page, 'users-service');

  await go(page, 'Settings');
  await expect(page.locator('pre.jwks')).toContainText('"kty": "RSA"');
  await shot(page, 'settings');
});
