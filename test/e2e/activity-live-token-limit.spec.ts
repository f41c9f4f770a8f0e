// Issue 14: when the live-token limit retires the oldest service-user tokens, the token request
// that went over it shows a note in the console's Activity detail.
import { expect, test } from '@playwright/test';
import type { Emulator } from '../../src/main/emulator.js';
import { startEmulator } from '../helpers/built-console.js';
import { BOTS, SU, audScope, buildServiceUsersSeed } from '../helpers/service-users-seed.js';

let emulator: Emulator;

test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', store: buildServiceUsersSeed(), maxLiveTokens: 1, log: () => undefined });
});

test.afterAll(async () => {
  await emulator?.close();
});

async function issue(): Promise<void> {
  const res = await fetch(`${emulator.issuer}/oauth/v2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${BOTS.ci.loginName}:${BOTS.ci.secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: audScope(SU.shop) }),
  });
  expect(res.status).toBe(200);
}

test('the token request over the live-token limit carries the retirement note in Activity', async ({ page }) => {
  await issue();
  await issue();
  await page.goto(emulator.consoleUrl);
  const rows = page.getByRole('option').filter({ hasText: 'client_credentials' });
  await expect(rows).toHaveCount(2);
  const detail = page.getByRole('region', { name: 'Request detail' });

  // Newest first: the second request went over the limit of 1…
  await rows.nth(0).click();
  await expect(detail.getByRole('note')).toHaveText(
    /^Live-token limit \(1\) reached: retired the oldest service-user token set \(issued up to \S+Z\); they are no longer active\. Raise it with --max-live-tokens \/ maxLiveTokens\.$/,
  );
  // …the first did not.
  await rows.nth(1).click();
  await expect(detail.getByRole('note')).toHaveCount(0);
});
