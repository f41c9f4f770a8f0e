// A service user's key JSON exported from the console (a real browser download) signs a JWT
// profile grant (urn:ietf:params:oauth:grant-type:jwt-bearer) that the token endpoint accepts.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { importPKCS8, SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import type { Emulator } from '../../src/main/emulator.js';
import { startEmulator } from '../helpers/built-console.js';


const MINIMAL_STORE = {
  version: 1,
  instance: { id: '100000000000000001', defaultOrgId: '200000000000000001' },
  orgs: [{ id: '200000000000000001', name: 'Acme', primaryDomain: 'acme.localhost' }],
};

let emulator: Emulator;
let dir: string;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idp-console-key-'));
  const storePath = join(dir, 'store.json');
  await writeFile(storePath, JSON.stringify(MINIMAL_STORE));
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', storePath, log: () => undefined });
});

test.afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

interface KeyFile {
  type: string;
  keyId: string;
  key: string;
  userId: string;
}

test('service-user key JSON downloaded from the console works for a JWT profile grant', async ({ page }) => {
  await page.goto(emulator.consoleUrl);
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Users' }).click();
  await page.getByRole('tab', { name: /Service/ }).click();
  await page.getByRole('textbox', { name: 'New service user name' }).fill('ci-bot');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('form', { name: 'Service user ci-bot' })).toBeVisible();

  // Adding a key downloads its key JSON at once (like ZITADEL's console)…
  const firstDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '+ Add key' }).click();
  const added = await firstDownload;
  const keys = page.getByRole('group', { name: 'Keys' });
  await expect(keys.getByRole('row')).toHaveCount(2);

  // …and it can be exported again from the list.
  const download = page.waitForEvent('download');
  await keys.getByRole('button', { name: /^Download key JSON / }).click();
  const file = await download;
  const keyFile = JSON.parse(await readFile(await file.path(), 'utf8')) as KeyFile;
  expect(file.suggestedFilename()).toBe(`${keyFile.keyId}.json`);
  expect(added.suggestedFilename()).toBe(`${keyFile.keyId}.json`);
  expect(keyFile.type).toBe('serviceaccount');
  const user = emulator.store.data.users.find((u) => u.userName === 'ci-bot');
  expect(keyFile.userId).toBe(user?.id);

  // The key file's PKCS#1 PEM, as jose wants it (PKCS#8).
  const pkcs8 = createPrivateKey(keyFile.key).export({ format: 'pem', type: 'pkcs8' }).toString();
  const privateKey = await importPKCS8(pkcs8, 'RS256');
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: keyFile.keyId })
    .setIssuer(keyFile.userId)
    .setSubject(keyFile.userId)
    .setAudience(emulator.issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(privateKey);
  const res = await fetch(`${emulator.issuer}/oauth/v2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion, scope: 'openid profile' }),
  });
  const body = (await res.json()) as { access_token?: string; id_token?: string };
  expect(res.status, JSON.stringify(body)).toBe(200);
  expect(body.access_token).toBeTruthy();

  // The grant shows up in Activity.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Activity' }).click();
  await expect(page.getByRole('option').filter({ hasText: 'jwt-bearer' })).toContainText('ci-bot');
});
