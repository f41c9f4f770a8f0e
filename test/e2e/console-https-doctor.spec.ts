// Issue 16 in the console: Settings shows how to trust the local CA of an --https emulator and
// the issuers of its domains; Activity marks a request with doctor findings and lists them in
// the request's detail. Chromium is told to accept the local CA's certificate (it is not in
// its store); what is checked is what the console shows. Screenshots: test-results/console/.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Emulator } from '../../src/main/emulator.js';
import { startEmulator } from '../helpers/built-console.js';

let emulator: Emulator;
let configDir: string;

test.beforeAll(async () => {
  configDir = await mkdtemp(join(tmpdir(), 'idp-emulator-e2e-ca-'));
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', quiet: true, log: () => undefined, https: true, configDir, domains: ['idp.localhost'] });
});
test.afterAll(async () => {
  await emulator.close();
  await rm(configDir, { recursive: true, force: true });
});
test.use({ ignoreHTTPSErrors: true });

test('Settings shows the CA, how to trust it and the domain issuers', async ({ page }) => {
  await page.goto(emulator.consoleUrl);
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Settings', exact: true }).click();
  const section = page.getByRole('region', { name: 'HTTPS and domains' });
  await expect(section).toContainText(`signed by a local certificate authority kept in ${join(configDir, 'ca.pem')}`);
  await expect(section.getByRole('table', { name: 'How to trust the CA' })).toContainText(`export NODE_EXTRA_CA_CERTS=${join(configDir, 'ca.pem')}`);
  await expect(section.getByRole('table', { name: 'How to trust the CA' })).toContainText(`export REQUESTS_CA_BUNDLE=${join(configDir, 'ca.pem')}`);
  await expect(section.getByRole('listitem')).toHaveText([`${emulator.issuer} copy`, `https://idp.localhost:${emulator.port} copy`]);
  await page.screenshot({ path: 'test-results/console/settings-https.png', fullPage: true });
});

test('Activity shows doctor findings on the request', async ({ page }) => {
  const web = emulator.store.data.apps.find((a) => a.name === 'web');
  const url = new URL(`${emulator.issuer}/oauth/v2/authorize`);
  url.search = new URLSearchParams({ client_id: web?.clientId ?? '', redirect_uri: web?.oidc?.redirectUris[0] ?? '', response_type: 'code', scope: 'openid orders:read' }).toString();
  const res = await page.request.get(url.href, { maxRedirects: 0 });
  expect(res.status()).toBe(302);
  // Opened after the request: the page's first load lists it (no race with the event stream).
  await page.goto(emulator.consoleUrl);
  const row = page.getByRole('option').filter({ hasText: 'authorize' }).first();
  await expect(row).toContainText('⚠ 3');
  await row.click();
  const findings = page.getByRole('region', { name: 'Doctor findings' });
  await expect(findings.getByRole('listitem')).toHaveText([
    /^ℹ info scope "orders:read" is not one ZITADEL knows; it was dropped silently docs\/doctor\.md#unknown-scope$/,
    /^⚠ warn no state parameter: .* docs\/doctor\.md#missing-state$/,
    /^ℹ info no nonce: .* docs\/doctor\.md#missing-nonce$/,
  ]);
  await page.screenshot({ path: 'test-results/console/activity-doctor.png', fullPage: true });

  // "doctor findings only" hides requests without findings (the console's own page load has none).
  await page.getByRole('checkbox', { name: 'hide discovery/jwks' }).uncheck();
  await page.request.get(`${emulator.issuer}/.well-known/openid-configuration`);
  const requests = page.getByRole('listbox', { name: 'Protocol requests' }).getByRole('option');
  await expect(requests.filter({ hasText: 'discovery' }).first()).toBeVisible();
  await page.getByRole('checkbox', { name: 'doctor findings only' }).check();
  await expect(requests).toHaveCount(1);
  await expect(requests).toContainText('authorize');
});
