// Device authorization grant (RFC 8628, reference §4.7) for the native "cli" app, driven by
// openid-client (initiateDeviceAuthorization, pollDeviceAuthorizationGrant) while a cookie-jar
// browser approves through the /device pages. Polling answers are checked with raw fetch for
// their exact bodies. The emulator's clock can be moved forward for expiry.
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { DeviceBrowser } from '../helpers/device-browser.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { expectOAuthError, postForm } from '../helpers/http-login.js';
import { buildServiceUsersSeed, CLIENTS, PASSWORD, SU } from '../helpers/service-users-seed.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const USER_CODE = /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/;
const PENDING =
  'The client SHOULD repeat the access token request to the token endpoint, after interval from device authorization response.';
const ALICE = { loginName: 'alice', password: PASSWORD };

let offsetMs = 0;
const clock = { now: () => Date.now() + offsetMs };
let emulator: Emulator;
let issuer: string;
let cli: client.Configuration;

beforeAll(async () => {
  emulator = await startTestEmulator({ store: buildServiceUsersSeed(), clock });
  issuer = emulator.issuer;
  cli = await client.discovery(new URL(issuer), CLIENTS.cli.clientId, undefined, client.None(), { execute: [client.allowInsecureRequests] });
});
afterAll(() => emulator.close());

const start = (scope = 'openid profile'): Promise<client.DeviceAuthorizationResponse> => client.initiateDeviceAuthorization(cli, { scope });

/** One raw poll, as a device would send it. */
const poll = (deviceCode: string, clientId: string = CLIENTS.cli.clientId): Promise<Response> =>
  postForm(`${issuer}/oauth/v2/token`, { grant_type: DEVICE_GRANT, device_code: deviceCode, client_id: clientId });

/** Polls with openid-client, but every 100 ms instead of the advertised 5 s. */
const pollFast = (response: client.DeviceAuthorizationResponse): ReturnType<typeof client.pollDeviceAuthorizationGrant> =>
  client.pollDeviceAuthorizationGrant(cli, { ...response, interval: 0.1 });

describe('device authorization endpoint (reference §4.7)', () => {
  it('answers a user code like BCDF-GHJK, verification_uri = issuer/device, 300 s, interval 5', async () => {
    const res = await start();
    expect(res.user_code).toMatch(USER_CODE);
    expect(res.device_code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(res.verification_uri).toBe(`${issuer}/device`);
    expect(res.verification_uri_complete).toBe(`${issuer}/device?user_code=${res.user_code}`);
    expect(res.expires_in).toBe(300);
    expect(res.interval).toBe(5);
  });

  it('client authentication as at the token endpoint; no scope is fine (ZITADEL token_device_test.go "authorized")', async () => {
    const url = `${issuer}/oauth/v2/device_authorization`;
    await expectOAuthError(await postForm(url, { scope: 'openid' }), 400, 'invalid_request', 'client_id or client_assertion must be provided');
    await expectOAuthError(await postForm(url, { client_id: '999', scope: 'openid' }), 400, 'invalid_client', 'no active client not found');
    expect((await postForm(url, { client_id: CLIENTS.cli.clientId })).status).toBe(200);
  });

  it('GET /device redirects to the login UI code page, keeping the query', async () => {
    const browser = new DeviceBrowser(issuer);
    const target = browser.location(await browser.get('/device?user_code=BCDF-GHJK'));
    expect(target.pathname).toBe('/ui/login/device');
    expect(target.searchParams.get('user_code')).toBe('BCDF-GHJK');
  });
});

describe('polling and approving', () => {
  it('before approval: authorization_pending with the exact description', async () => {
    const { device_code } = await start();
    await expectOAuthError(await poll(device_code), 400, 'authorization_pending', PENDING);
  });

  it('openid-client polls while alice approves through the /device pages; the code is single-use', async () => {
    const response = await start();
    const polling = pollFast(response);
    await new DeviceBrowser(issuer).approve(response.verification_uri, response.user_code, ALICE);
    const tokens = await polling;
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBe(43199);
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.claims()).toMatchObject({ iss: issuer, sub: SU.alice, azp: CLIENTS.cli.clientId, amr: ['pwd'] });

    const info = await client.fetchUserInfo(cli, tokens.access_token, SU.alice);
    expect(info).toMatchObject({ sub: SU.alice, preferred_username: 'alice', name: 'Alice Smith' });

    // Replayed device code → invalid_grant.
    await expectOAuthError(await poll(response.device_code), 400, 'invalid_grant');
  });

  it('a user code typed in lower case without the dash is accepted', async () => {
    const response = await start();
    const typed = response.user_code.replace('-', '').toLowerCase();
    await new DeviceBrowser(issuer).approve(response.verification_uri, typed, ALICE);
    expect((await poll(response.device_code)).status).toBe(200);
  });

  it('offline_access → a refresh token that works', async () => {
    const response = await start('openid offline_access');
    const polling = pollFast(response);
    await new DeviceBrowser(issuer).approve(response.verification_uri, response.user_code, ALICE);
    const tokens = await polling;
    expect(tokens.refresh_token).toEqual(expect.any(String));
    const refreshed = await client.refreshTokenGrant(cli, tokens.refresh_token ?? '');
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.claims()?.sub).toBe(SU.alice);
  });

  it('deny → access_denied "The authorization request was denied."', async () => {
    const response = await start();
    const page = await new DeviceBrowser(issuer).approve(response.verification_uri, response.user_code, ALICE, 'denied');
    expect(page).toBeTruthy();
    await expectOAuthError(await poll(response.device_code), 400, 'access_denied', 'The authorization request was denied.');
    const err = await pollFast(response).catch((e: unknown) => e);
    expect(err).toMatchObject({ error: 'access_denied' });
  });

  it('after 300 s: expired_token, and the page no longer takes the code', async () => {
    const response = await start();
    offsetMs = 301_000;
    try {
      await expectOAuthError(await poll(response.device_code), 400, 'expired_token', 'The "device_code" has expired.');
      const browser = new DeviceBrowser(issuer);
      const res = await browser.post('/ui/login/device', { user_code: response.user_code });
      expect(res.status).toBe(200); // the code page again, with an error; no login
    } finally {
      offsetMs = 0;
    }
  });

  it('another client polling → invalid_client', async () => {
    const { device_code } = await start();
    await expectOAuthError(
      await poll(device_code, CLIENTS.tv.clientId),
      400,
      'invalid_client',
      'client_id does not correspond to the client_id in the authorization request',
    );
  });

  it('an unknown device code → invalid_grant; a wrong user code keeps the user on the code page', async () => {
    await expectOAuthError(await poll('AAAAAAAAAAAAAAAAAAAAAA'), 400, 'invalid_grant');
    const res = await new DeviceBrowser(issuer).post('/ui/login/device', { user_code: 'BCDF-GHJK' });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
  });
});
