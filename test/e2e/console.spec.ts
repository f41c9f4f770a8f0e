// The console in a real browser: it shows the issuer and the endpoints read from discovery.
import { expect, test } from '@playwright/test';
import { startEmulator, type Emulator } from '../../src/main/emulator.js';
import { buildValidStore } from '../helpers/store-fixture.js';

let emulator: Emulator;

test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', store: buildValidStore(), log: () => undefined });
});

test.afterAll(async () => {
  await emulator.close();
});

test('console header shows the issuer and the endpoints table lists jwks_uri', async ({ page }, testInfo) => {
  const jwksUri = `${emulator.issuer}/oauth/v2/keys`;
  expect(emulator.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

  const response = await page.goto(emulator.consoleUrl);
  expect(response?.status()).toBe(200);
  await expect(page.locator('header code')).toHaveText(emulator.issuer);

  const jwksRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'jwks_uri', exact: true }) });
  await expect(jwksRow).toHaveCount(1);
  await expect(jwksRow.locator('td code')).toHaveText(jwksUri);
  await expect(page.getByRole('row').filter({ hasText: 'discovery' }).locator('td code')).toHaveText(
    `${emulator.issuer}/.well-known/openid-configuration`,
  );
  await expect(page.getByRole('alert')).toHaveCount(0);

  const screenshot = testInfo.outputPath('console.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach('console', { path: screenshot, contentType: 'image/png' });
});
