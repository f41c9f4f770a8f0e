// Issue 12 items 2 and 4 in the console: a write the emulator cannot save shows the server's
// "not saved" message next to the form, and a write that meets a hand edit of the store file
// (here a half-saved, invalid one) shows the "store changed" banner instead of overwriting it.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Emulator } from '../../src/main/emulator.js';
import { startEmulator } from '../helpers/built-console.js';

let dir: string;
test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idp-console-unsaved-'));
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function addUser(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Users', exact: true }).click();
  await page.getByRole('textbox', { name: 'New user name' }).fill(name);
  await page.keyboard.press('Enter');
}

test('a write that cannot be saved says so in the console', async ({ page }) => {
  const folder = join(dir, 'gone');
  await mkdir(folder);
  const storePath = join(folder, 'store.json');
  const emulator: Emulator = await startEmulator({ port: 0, host: '127.0.0.1', storePath, log: () => undefined });
  try {
    await page.goto(emulator.consoleUrl);
    await expect(page.getByTestId('issuer')).toHaveText(emulator.issuer);
    // The store's folder disappears (an unmounted disk, a cleaned temp dir): saving fails.
    await rm(folder, { recursive: true, force: true });
    await addUser(page, 'carol');
    const alert = page.getByRole('form', { name: 'New user name' }).getByRole('alert');
    await expect(alert).toContainText(`could not save ${storePath}: ENOENT`);
    await expect(alert).toContainText('NOT saved');
    await expect(page.getByTestId('unsaved')).toContainText(`Changes are NOT saved to the store file (they are lost when the emulator stops): could not save ${storePath}`);
    await page.screenshot({ path: 'test-results/console/error-not-saved.png' });
  } finally {
    await emulator.close().catch(() => undefined);
  }
});

test('a write that meets a half-finished hand edit shows the conflict banner and leaves the edit', async ({ page }) => {
  const storePath = join(dir, 'edited.json');
  const emulator: Emulator = await startEmulator({ port: 0, host: '127.0.0.1', storePath, log: () => undefined });
  try {
    await page.goto(emulator.consoleUrl);
    await expect(page.getByTestId('issuer')).toHaveText(emulator.issuer);
    // An editor saved the file halfway through a change: not valid JSON yet.
    const text = await readFile(storePath, 'utf8');
    const half = text.slice(0, Math.floor(text.length / 2));
    await writeFile(storePath, half);
    await addUser(page, 'dave');
    await expect(page.getByRole('alert').filter({ hasText: 'The store changed (edited elsewhere)' })).toBeVisible();
    await page.screenshot({ path: 'test-results/console/conflict-hand-edit.png' });
    expect(await readFile(storePath, 'utf8')).toBe(half);
    expect(emulator.store.data.users.map((u) => u.userName)).not.toContain('dave');
  } finally {
    await emulator.close();
  }
});
