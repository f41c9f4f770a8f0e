// Refused edits: a duplicate user name, a malformed redirect URI and an empty role key each
// show the server's field error under the field that caused it, keep what was typed, and leave
// the store file byte for byte as it was.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Emulator } from '../../src/main/emulator.js';
import { go, startEmulator } from '../helpers/built-console.js';


const STORE = {
  version: 1,
  instance: { id: '100000000000000001', defaultOrgId: '200000000000000001' },
  orgs: [{ id: '200000000000000001', name: 'Acme', primaryDomain: 'acme.localhost' }],
  projects: [{ id: '300000000000000001', orgId: '200000000000000001', name: 'Shop', roles: [{ key: 'admin' }] }],
  apps: [
    {
      id: '400000000000000001',
      projectId: '300000000000000001',
      name: 'web',
      clientId: '400000000000000002',
      clientSecret: 'secret',
      oidc: { redirectUris: ['http://localhost:3000/callback'] },
    },
  ],
  users: [{ id: '500000000000000001', orgId: '200000000000000001', userName: 'alice', human: { password: 'Password1!' } }],
  signingKeys: [signingKey()],
};

/** A signing key in the seed, so the emulator has nothing to add to the file at startup. */
function signingKey() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    id: '600000000000000001',
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    active: true,
  };
}

/** The file once nothing writes it any more (startup may still be normalising it). */
async function settledFile(path: string): Promise<Buffer> {
  let last = await readFile(path);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 400));
    const next = await readFile(path);
    if (next.equals(last)) return next;
    last = next;
  }
}

let emulator: Emulator;
let dir: string;
let storePath: string;
let before: Buffer;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idp-console-invalid-'));
  storePath = join(dir, 'store.json');
  await writeFile(storePath, JSON.stringify(STORE, null, 2));
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', storePath, log: () => undefined });
  before = await settledFile(storePath);
});

test.afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

test('refused writes show field errors, keep the input and leave the store file untouched', async ({ page }) => {
  await page.goto(emulator.consoleUrl);
  await expect(page.getByTestId('issuer')).toHaveText(emulator.issuer);

  // Duplicate user name on create.
  await go(page, 'Users');
  const newUser = page.getByRole('textbox', { name: 'New user name' });
  await newUser.fill('alice');
  await page.keyboard.press('Enter');
  const createForm = page.getByRole('form', { name: 'New user name' });
  await expect(createForm.getByRole('alert')).toContainText('user name "alice" is already used');
  await expect(newUser).toHaveValue('alice');
  await expect(newUser).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: 'test-results/console/error-duplicate-user.png' });

  // Malformed redirect URI on an existing app.
  await go(page, 'Apps');
  const appForm = page.getByRole('form', { name: 'App web' });
  const redirect = appForm.getByLabel('Redirect URIs 1', { exact: true });
  await redirect.fill('http//broken');
  await expect(appForm.getByText('not a valid URL')).toBeVisible(); // checked as you type
  await appForm.getByRole('button', { name: 'Save' }).click();
  await expect(appForm.getByText(/Not saved: 1 problem/)).toBeVisible();
  const redirectRow = appForm.locator('.uri-row').first();
  await expect(redirectRow.getByRole('alert')).toContainText(/URL/i);
  await expect(redirect).toHaveValue('http//broken');
  await page.screenshot({ path: 'test-results/console/error-redirect-uri.png' });

  // Empty role key.
  await go(page, 'Projects');
  const projectForm = page.getByRole('form', { name: 'Project Shop' });
  await projectForm.getByRole('button', { name: '+ Add role' }).click();
  await projectForm.getByLabel('Role 2 display name').fill('Nameless');
  await projectForm.getByRole('button', { name: 'Save' }).click();
  await expect(projectForm.getByRole('row').nth(2).getByRole('alert')).toContainText('role key must not be empty');
  await expect(projectForm.getByLabel('Role 2 display name')).toHaveValue('Nameless');
  await expect(projectForm.getByLabel('Role 2 key')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: 'test-results/console/error-role-key.png' });

  await new Promise((resolve) => setTimeout(resolve, 300));
  expect((await readFile(storePath)).equals(before)).toBe(true);
  expect(emulator.store.data.users).toHaveLength(1);
  expect(emulator.store.data.apps[0]?.oidc?.redirectUris).toEqual(['http://localhost:3000/callback']);
  expect(emulator.store.data.projects[0]?.roles).toHaveLength(1);
});
