// The virtual clock (issue 15): openid-client refreshes after clock.advance past the access
// token's expiry and fails cleanly past the refresh token's; token times, codes, introspection
// and duration parsing follow the clock, backwards too.
import * as client from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/main/bridge/virtual-clock.js';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { authorizeUrl, basicAuth, get, loginForCode, postForm, tokenEndpoint } from '../helpers/http-login.js';
import { decodeJwtPart, demoApps, type DemoApps } from './bridge-seed.js';

let emulator: Emulator;
let apps: DemoApps;
let config: client.Configuration;

beforeAll(async () => {
  emulator = await startTestEmulator();
  apps = demoApps(emulator);
  config = await client.discovery(new URL(emulator.issuer), apps.web.clientId, undefined, client.ClientSecretBasic(apps.web.secret), {
    execute: [client.allowInsecureRequests],
  });
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

async function isActive(token: string): Promise<boolean> {
  const res = await postForm(`${emulator.issuer}/oauth/v2/introspect`, { token }, basicAuth(apps.api.clientId, apps.api.secret));
  return ((await res.json()) as { active: boolean }).active;
}

describe('clock', () => {
  it('parses milliseconds and durations like 90s, 13h, 8d, 1h30m and -2d', () => {
    expect(parseDuration(1500)).toBe(1500);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('13h')).toBe(13 * 3_600_000);
    expect(parseDuration('8d')).toBe(8 * 86_400_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('-2d')).toBe(-2 * 86_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(() => parseDuration('soon')).toThrow('"soon" is not a duration');
  });

  it('lets openid-client refresh after the access token expired, and fails cleanly past the refresh expiry', async () => {
    const minted = await emulator.mintTokens({ user: 'alice', client: 'web' });
    const access = minted.access_token ?? '';
    expect(await isActive(access)).toBe(true);

    emulator.clock.advance('13h'); // access tokens live 12 h
    expect(await isActive(access)).toBe(false);
    const refreshed = await client.refreshTokenGrant(config, minted.refresh_token ?? '');
    expect(await isActive(refreshed.access_token)).toBe(true);
    const claims = refreshed.claims();
    const now = Math.floor(emulator.clock.now() / 1000);
    expect(Math.abs((claims?.iat ?? 0) - now)).toBeLessThanOrEqual(2);
    expect(claims?.exp).toBe((claims?.iat ?? 0) + 43200);

    emulator.clock.advance('31d'); // the refresh token is idle for more than 30 days
    const failure = await client.refreshTokenGrant(config, refreshed.refresh_token ?? '').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(client.ResponseBodyError);
    expect(failure).toMatchObject({ status: 400, error: 'invalid_request', error_description: 'Errors.OIDCSession.RefreshTokenInvalid' });
  });

  it('set() and backwards moves change token times and revive an expired token', async () => {
    emulator.clock.set('2031-05-01T10:00:00Z');
    const minted = await emulator.mintTokens({ user: 'alice', client: 'web', scope: 'openid' });
    const claims = decodeJwtPart(minted.id_token ?? '', 1);
    expect(Math.abs(Number(claims.iat) - Date.parse('2031-05-01T10:00:00Z') / 1000)).toBeLessThanOrEqual(2);
    expect(claims.auth_time).toBe(claims.iat);

    emulator.clock.advance('12h1m');
    expect(await isActive(minted.access_token ?? '')).toBe(false);
    emulator.clock.advance('-2m');
    expect(await isActive(minted.access_token ?? '')).toBe(true);
    expect(emulator.clock.offsetMs).toBeGreaterThan(0);
    emulator.clock.reset();
    expect(emulator.clock.offsetMs).toBe(0);
    expect(Math.abs(emulator.clock.now() - Date.now())).toBeLessThan(1000);
  });

  it('expires authorization codes after 10 minutes of virtual time', async () => {
    const code = await loginForCode(emulator.issuer, { client_id: apps.web.clientId, redirect_uri: apps.web.redirectUri, scope: 'openid' });
    emulator.clock.advance('11m');
    const res = await postForm(
      tokenEndpoint(emulator.issuer),
      { grant_type: 'authorization_code', code, redirect_uri: apps.web.redirectUri },
      basicAuth(apps.web.clientId, apps.web.secret),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_request', error_description: 'Errors.User.Code.Invalid' });
  });

  it('expires device codes after 5 minutes of virtual time', async () => {
    const cli = emulator.store.data.apps.find((a) => a.name === 'cli')?.clientId ?? '';
    const started = await postForm(`${emulator.issuer}/oauth/v2/device_authorization`, { client_id: cli, scope: 'openid' });
    expect(started.status).toBe(200);
    const { device_code } = (await started.json()) as { device_code: string };
    const poll = () => postForm(tokenEndpoint(emulator.issuer), { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code, client_id: cli });
    expect(((await (await poll()).json()) as { error: string }).error).toBe('authorization_pending');
    emulator.clock.advance('301s');
    const expired = await poll();
    expect(expired.status).toBe(400);
    expect(await expired.json()).toEqual({ error: 'expired_token', error_description: 'The "device_code" has expired.' });
  });

  it('ends browser logins after 10 days of virtual time', async () => {
    const cookie = emulator.browserSession({ user: 'alice' });
    const authorize = () =>
      get(authorizeUrl(emulator.issuer, { client_id: apps.web.clientId, redirect_uri: apps.web.redirectUri, response_type: 'code', scope: 'openid' }), {
        Cookie: `${cookie.name}=${cookie.value}`,
      });
    emulator.clock.advance('9d');
    expect(new URL((await authorize()).headers.get('location') ?? '').searchParams.has('code')).toBe(true);
    emulator.clock.advance('2d');
    expect(new URL((await authorize()).headers.get('location') ?? '', emulator.issuer).pathname).toBe('/ui/login/login');
  });

  it('starts shifted with the clockAt option and refuses a date that is none', async () => {
    const shifted = await startTestEmulator({ clockAt: '2030-01-01T00:00:00Z' });
    try {
      expect(Math.abs(shifted.clock.now() - Date.parse('2030-01-01T00:00:00Z'))).toBeLessThan(5000);
    } finally {
      await shifted.close();
    }
    await expect(startTestEmulator({ clockAt: 'tomorrow' })).rejects.toThrow('"tomorrow" is not a date');
  });
});
