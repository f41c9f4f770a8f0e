// Members in the console (issue 18): the demo seed's ci-bot is an ORG_OWNER of Acme; an org
// member and an instance member are added, changed and removed; an API call made with ci-bot's
// personal access token shows in Activity with its RPC, caller and deciding permission.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Emulator } from '../../src/main/emulator.js';
import { go, startEmulator } from '../helpers/built-console.js';

let emulator: Emulator;
let dir: string;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idp-console-members-'));
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', storePath: join(dir, 'store.json'), log: () => undefined });
});

test.afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

const userId = (name: string) => emulator.store.data.users.find((u) => u.userName === name)?.id;

test('org and instance members are edited in the console; API calls show in Activity', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(emulator.consoleUrl);
  await expect(page.getByTestId('issuer')).toHaveText(emulator.issuer);

  await go(page, 'Organizations');
  const members = page.getByRole('group', { name: 'Members of the organization' });
  const botRow = members.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'ci-bot' }) });
  await expect(botRow.getByLabel('member ci-bot role ORG_OWNER', { exact: true })).toBeChecked();

  await members.getByLabel('Add member').selectOption(userId('alice') ?? '');
  await members.getByLabel('new member role ORG_USER_MANAGER', { exact: true }).check();
  await members.getByRole('button', { name: 'Add member' }).click();
  const aliceRow = members.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'alice' }) });
  await expect(aliceRow.getByLabel('member alice role ORG_USER_MANAGER', { exact: true })).toBeChecked();
  const orgId = emulator.store.data.instance.defaultOrgId;
  expect(emulator.store.data.memberships).toContainEqual(expect.objectContaining({ userId: userId('alice'), orgId, roles: ['ORG_USER_MANAGER'] }));

  await page.screenshot({ path: 'test-results/console/org-members.png' });
  await aliceRow.getByLabel('member alice role ORG_OWNER_VIEWER', { exact: true }).check();
  await aliceRow.getByRole('button', { name: 'Save member alice roles' }).click();
  await expect.poll(() => emulator.store.data.memberships.find((m) => m.userId === userId('alice'))?.roles).toEqual(['ORG_USER_MANAGER', 'ORG_OWNER_VIEWER']);
  await members.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'alice' }) }).getByRole('button', { name: 'Remove member alice' }).click();
  await expect.poll(() => emulator.store.data.memberships.some((m) => m.userId === userId('alice'))).toBe(false);

  await go(page, 'Settings');
  const instance = page.getByRole('group', { name: 'Members of the instance' });
  await instance.getByLabel('Add member').selectOption(userId('bob') ?? '');
  await instance.getByLabel('new member role IAM_OWNER_VIEWER', { exact: true }).check();
  await instance.getByRole('button', { name: 'Add member' }).click();
  await expect(instance.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'bob' }) }).getByLabel('member bob role IAM_OWNER_VIEWER', { exact: true })).toBeChecked();
  expect(emulator.store.data.memberships).toContainEqual(expect.objectContaining({ userId: userId('bob'), roles: ['IAM_OWNER_VIEWER'] }));
  expect(emulator.store.data.memberships.find((m) => m.userId === userId('bob'))?.orgId).toBeUndefined();
  await page.screenshot({ path: 'test-results/console/members.png' });

  // An API call with ci-bot's PAT appears in Activity.
  const pat = emulator.addPersonalAccessToken('ci-bot').token;
  const res = await fetch(`${emulator.issuer}/v2/users/${userId('alice') ?? ''}`, { headers: { Authorization: `Bearer ${pat}` } });
  expect(res.status).toBe(200);
  await go(page, 'Activity');
  const row = page.getByText('GetUserByID');
  await expect(row.first()).toBeVisible();
  await row.first().click();
  const detail = page.getByRole('region', { name: 'Request detail' });
  await expect(detail.getByText('zitadel.user.v2.UserService/GetUserByID')).toBeVisible();
  await expect(detail.getByText(/ORG_OWNER on org/)).toBeVisible();
});
