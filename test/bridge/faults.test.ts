// error, delay and drop faults (issue 15): a refresh_token fault gives openid-client invalid_grant
// once and then the normal rotation; matchers (grant type, client, user), times, the endpoint's
// own error shape (JSON, or the redirect of authorize), dropped connections, Activity marks and
// the list/remove/clear API with its validation.
import * as client from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { authorizeUrl, basicAuth, get, postForm, tokenEndpoint } from '../helpers/http-login.js';
import { demoApps, type DemoApps } from './bridge-seed.js';

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
beforeEach(() => emulator.faults.clear());
afterAll(() => emulator.close());

function refresh(token: string): Promise<Response> {
  return postForm(tokenEndpoint(emulator.issuer), { grant_type: 'refresh_token', refresh_token: token }, basicAuth(apps.web.clientId, apps.web.secret));
}

describe('error faults', () => {
  it('a refresh_token fault gives invalid_grant once, then the normal rotation', async () => {
    const minted = await emulator.mintTokens({ user: 'alice', client: 'web' });
    const id = emulator.faults.add({ endpoint: 'token', grantType: 'refresh_token', error: { error: 'invalid_grant', error_description: 'refresh token revoked' } });
    const failure = await client.refreshTokenGrant(config, minted.refresh_token ?? '').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(client.ResponseBodyError);
    expect(failure).toMatchObject({ status: 400, error: 'invalid_grant', error_description: 'refresh token revoked' });
    const event = emulator.activity.list().at(-1);
    const sid = JSON.parse(Buffer.from((minted.id_token ?? '').split('.')[1] ?? '', 'base64url').toString()) as { sid: string };
    // Grouped with the session's other requests, like a processed refresh.
    expect(event).toMatchObject({ kind: 'token', status: 400, outcome: 'error', grantType: 'refresh_token', clientId: apps.web.clientId, sessionId: sid.sid });
    expect(event?.fault).toEqual({ id, action: 'error', detail: 'answered 400 invalid_grant instead of processing the request' });
    expect(emulator.faults.list()).toEqual([]);

    // Not processed: the same refresh token still works, and rotates.
    const tokens = await client.refreshTokenGrant(config, minted.refresh_token ?? '');
    expect(tokens.refresh_token).not.toBe(minted.refresh_token);
    const reused = await refresh(minted.refresh_token ?? '');
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({ error: 'invalid_request', error_description: 'Errors.OIDCSession.RefreshTokenInvalid' });
  });

  it('matches grant type, client and user, and applies `times` times', async () => {
    const alice = await emulator.mintTokens({ user: 'alice', client: 'web' });
    const bob = await emulator.mintTokens({ user: 'bob', client: 'web' });
    emulator.faults.add({ endpoint: 'token', user: 'bob', times: 2, error: { status: 503, error: 'temporarily_unavailable' } });
    emulator.faults.add({ endpoint: 'token', grantType: 'client_credentials', error: { error: 'invalid_client' } });
    emulator.faults.add({ endpoint: 'token', clientId: 'spa', error: { error: 'invalid_client' } });

    const first = await refresh(bob.refresh_token ?? '');
    expect(first.status).toBe(503);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await first.json()).toEqual({ error: 'temporarily_unavailable' });
    expect((await refresh(alice.refresh_token ?? '')).status).toBe(200);
    expect((await refresh(bob.refresh_token ?? '')).status).toBe(503);
    expect((await refresh(bob.refresh_token ?? '')).status).toBe(200);
    expect(emulator.faults.list().map((f) => f.clientId ?? f.grantType)).toEqual(['client_credentials', 'spa']);
  });

  it('Infinity keeps a fault armed until it is removed', async () => {
    const id = emulator.faults.add({ endpoint: 'userinfo', times: Infinity, error: { status: 401, error: 'invalid_token' } });
    const minted = await emulator.mintTokens({ user: 'alice', client: 'web' });
    for (let i = 0; i < 3; i += 1) {
      const res = await get(`${emulator.issuer}/oidc/v1/userinfo`, { Authorization: `Bearer ${minted.access_token}` });
      expect(res.status).toBe(401);
    }
    expect(emulator.faults.list()).toMatchObject([{ id, remaining: Infinity }]);
    expect(emulator.faults.remove(id)).toBe(true);
    expect(emulator.faults.remove(id)).toBe(false);
    const res = await get(`${emulator.issuer}/oidc/v1/userinfo`, { Authorization: `Bearer ${minted.access_token}` });
    expect(res.status).toBe(200);
  });

  it('answers authorize errors at the redirect_uri with state, like the endpoint does', async () => {
    emulator.faults.add({ endpoint: 'authorize', error: { error: 'access_denied', error_description: 'denied by a test' } });
    const res = await get(authorizeUrl(emulator.issuer, { client_id: apps.web.clientId, redirect_uri: apps.web.redirectUri, response_type: 'code', scope: 'openid', state: 'st' }));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(apps.web.redirectUri);
    expect(Object.fromEntries(location.searchParams)).toEqual({ error: 'access_denied', error_description: 'denied by a test', state: 'st' });
  });

  it('matches the user of a browser session at authorize', async () => {
    emulator.faults.add({ endpoint: 'authorize', user: 'bob', error: { error: 'temporarily_unavailable' } });
    const authorize = (user: string) => {
      const cookie = emulator.browserSession({ user });
      return get(authorizeUrl(emulator.issuer, { client_id: apps.web.clientId, redirect_uri: apps.web.redirectUri, response_type: 'code', scope: 'openid' }), {
        Cookie: `${cookie.name}=${cookie.value}`,
      });
    };
    expect(new URL((await authorize('alice')).headers.get('location') ?? '').searchParams.has('code')).toBe(true);
    const bob = new URL((await authorize('bob')).headers.get('location') ?? '');
    expect(bob.searchParams.get('error')).toBe('temporarily_unavailable');
  });

  it('breaks discovery and JWKS too (fixed documents included)', async () => {
    emulator.faults.add({ endpoint: 'discovery', error: { status: 500, error: 'server_error' } });
    emulator.faults.add({ endpoint: 'keys', error: { status: 503, error: 'temporarily_unavailable' } });
    const discovery = await fetch(`${emulator.issuer}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(500);
    expect(await discovery.json()).toEqual({ error: 'server_error' });
    expect((await fetch(`${emulator.issuer}/oauth/v2/keys`)).status).toBe(503);
    expect((await fetch(`${emulator.issuer}/.well-known/openid-configuration`)).status).toBe(200);
  });
});

describe('bad input while faults are armed', () => {
  it('answers an oversized or repeated-parameter request as the endpoint does, and leaves the fault armed', async () => {
    const id = emulator.faults.add({ endpoint: 'token', grantType: 'refresh_token', error: { error: 'invalid_grant' } });
    const big = await postForm(tokenEndpoint(emulator.issuer), `grant_type=refresh_token&refresh_token=${'a'.repeat(70 * 1024)}`);
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 'invalid_request', error_description: 'request body too large' });
    const repeated = await postForm(tokenEndpoint(emulator.issuer), 'grant_type=refresh_token&grant_type=refresh_token', basicAuth(apps.web.clientId, apps.web.secret));
    expect(repeated.status).toBe(400);
    expect(await repeated.json()).toEqual({ error: 'invalid_request', error_description: 'parameter grant_type must not be repeated' });
    expect(emulator.faults.list().map((f) => f.id)).toEqual([id]);
  });

  it('matches the user of an introspected token', async () => {
    emulator.faults.add({ endpoint: 'introspect', user: 'bob', error: { status: 401, error: 'invalid_client' } });
    const alice = await emulator.mintTokens({ user: 'alice', client: 'web' });
    const bob = await emulator.mintTokens({ user: 'bob', client: 'web' });
    const as = (token?: string) => postForm(`${emulator.issuer}/oauth/v2/introspect`, { token }, basicAuth(apps.api.clientId, apps.api.secret));
    expect((await as(alice.access_token)).status).toBe(200);
    const refused = await as(bob.access_token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: 'invalid_client' });
  });
});

describe('delay and drop faults', () => {
  it('delays a request, then answers it normally', async () => {
    const id = emulator.faults.add({ endpoint: 'introspect', delayMs: 50 });
    const minted = await emulator.mintTokens({ user: 'alice', client: 'web' });
    const res = await postForm(`${emulator.issuer}/oauth/v2/introspect`, { token: minted.access_token }, basicAuth(apps.api.clientId, apps.api.secret));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ active: true });
    expect(emulator.activity.list().at(-1)?.fault).toEqual({ id, action: 'delay', detail: 'delayed 50 ms' });
  });

  it('drops the connection without a response', async () => {
    const id = emulator.faults.add({ endpoint: 'token', drop: true });
    const minted = await emulator.mintTokens({ user: 'alice', client: 'web' });
    await expect(refresh(minted.refresh_token ?? '')).rejects.toThrow('fetch failed');
    await expect.poll(() => emulator.activity.list().at(-1)?.fault).toEqual({ id, action: 'drop', detail: 'connection closed without a response' });
    expect((await refresh(minted.refresh_token ?? '')).status).toBe(200);
  });
});

describe('faults API', () => {
  it('refuses malformed faults with the field at fault', () => {
    const bad = (fault: unknown) => () => emulator.faults.add(fault as never);
    expect(bad({ endpoint: 'tokens', drop: true })).toThrow('endpoint must be one of discovery, keys, authorize, token, introspect, userinfo, revoke, end_session, device_authorization');
    expect(bad({ endpoint: 'token' })).toThrow('give exactly one of error, delayMs, drop and tamper');
    expect(bad({ endpoint: 'token', drop: true, delayMs: 5 })).toThrow('give exactly one of error, delayMs, drop and tamper');
    expect(bad({ endpoint: 'userinfo', tamper: 'signature' })).toThrow('tamper changes token responses: use it with endpoint "token"');
    expect(bad({ endpoint: 'token', tamper: 'everything' })).toThrow('tamper must be one of signature, expired, not_yet_valid, issuer, audience, nonce, unknown_kid, alg_none');
    expect(bad({ endpoint: 'userinfo', grantType: 'refresh_token', drop: true })).toThrow('grantType applies to the token endpoint only');
    expect(bad({ endpoint: 'token', times: 0, drop: true })).toThrow('times must be a whole number of at least 1, or Infinity');
    expect(bad({ endpoint: 'token', error: { status: 302, error: 'x' } })).toThrow('error.status must be an HTTP error status from 400 to 599');
    expect(bad({ endpoint: 'token', error: { error: 'bad"code' } })).toThrow('error.error must be an OAuth error code such as invalid_grant');
    expect(emulator.faults.list()).toEqual([]);
  });
});
