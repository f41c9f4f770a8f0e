// mintTokens (issue 15): the token response of a completed code flow without a browser — same
// fields and claims as a real login through the pages, a live session (introspection, refresh,
// revocation, userinfo) and an Activity entry marked as minted; clear errors for bad names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgeError } from '../../src/main/bridge/bridge-error.js';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { basicAuth, loginForCode, postForm, tokenEndpoint, userinfo } from '../helpers/http-login.js';
import { decodeJwtPart, demoApps, type DemoApps } from './bridge-seed.js';

let emulator: Emulator;
let apps: DemoApps;

beforeAll(async () => {
  emulator = await startTestEmulator();
  apps = demoApps(emulator);
});
afterAll(() => emulator.close());

async function introspect(token: string): Promise<Record<string, unknown>> {
  const res = await postForm(`${emulator.issuer}/oauth/v2/introspect`, { token }, basicAuth(apps.api.clientId, apps.api.secret));
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('mintTokens', () => {
  it('returns what the code flow returns for the same user, app and scope', async () => {
    const scope = 'openid profile email offline_access';
    const code = await loginForCode(emulator.issuer, { client_id: apps.web.clientId, redirect_uri: apps.web.redirectUri, scope, nonce: 'n-1' });
    const res = await postForm(
      tokenEndpoint(emulator.issuer),
      { grant_type: 'authorization_code', code, redirect_uri: apps.web.redirectUri },
      basicAuth(apps.web.clientId, apps.web.secret),
    );
    expect(res.status).toBe(200);
    const viaLogin = (await res.json()) as Record<string, string>;
    const minted = await emulator.mintTokens({ user: 'alice', client: 'web', scope, nonce: 'n-1' });

    expect(Object.keys(minted)).toEqual(Object.keys(viaLogin));
    expect(minted.token_type).toBe('Bearer');
    expect(minted.expires_in).toBe(43199);
    const loginClaims = decodeJwtPart(viaLogin.id_token ?? '', 1);
    const mintedClaims = decodeJwtPart(minted.id_token ?? '', 1);
    expect(Object.keys(mintedClaims).sort()).toEqual(Object.keys(loginClaims).sort());
    const differ = new Set(['iat', 'exp', 'auth_time', 'sid', 'at_hash']);
    for (const [claim, value] of Object.entries(loginClaims)) if (!differ.has(claim)) expect(mintedClaims[claim], claim).toEqual(value);
    // A password login: amr pwd, a fresh auth_time, its own browser login as sid.
    expect(mintedClaims.amr).toEqual(['pwd']);
    expect(mintedClaims.sid).toMatch(/^\d{18}$/);
    expect(mintedClaims.sid).not.toBe(loginClaims.sid);
    expect(mintedClaims.auth_time).toBe(mintedClaims.iat);
    expect(mintedClaims.nonce).toBe('n-1');
  });

  it('starts a live session: introspection, userinfo, refresh with rotation, revocation', async () => {
    const minted = await emulator.mintTokens({ user: 'alice', client: apps.web.clientId });
    const access = minted.access_token ?? '';
    expect(await introspect(access)).toMatchObject({ active: true, sub: apps.aliceId, client_id: apps.web.clientId, username: 'alice' });
    const info = await userinfo(emulator.issuer, access);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ sub: apps.aliceId, email: 'alice@acme.localhost' });

    const refreshed = await postForm(
      tokenEndpoint(emulator.issuer),
      { grant_type: 'refresh_token', refresh_token: minted.refresh_token },
      basicAuth(apps.web.clientId, apps.web.secret),
    );
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as Record<string, string>;
    expect(await introspect(access)).toEqual({ active: false });
    expect(decodeJwtPart(next.id_token ?? '', 1).sid).toBe(decodeJwtPart(minted.id_token ?? '', 1).sid);

    const revoked = await postForm(`${emulator.issuer}/oauth/v2/revoke`, { token: next.access_token }, basicAuth(apps.web.clientId, apps.web.secret));
    expect(revoked.status).toBe(200);
    expect(await introspect(next.access_token ?? '')).toEqual({ active: false });
  });

  it('leaves out the refresh token without offline_access and the ID token without openid', async () => {
    const minted = await emulator.mintTokens({ user: 'alice', client: 'web', scope: 'email' });
    expect(Object.keys(minted)).toEqual(['access_token', 'token_type', 'expires_in']);
  });

  it('is marked as minted on the Activity page', async () => {
    const minted = await emulator.mintTokens({ user: 'bob', client: 'spa', scope: 'openid' });
    const event = emulator.activity.list().at(-1);
    expect(event).toMatchObject({ kind: 'token', minted: true, grantType: 'authorization_code', clientId: apps.spa.clientId, status: 200, outcome: 'ok' });
    expect(event?.tokens?.map((t) => [t.kind, t.value])).toEqual([
      ['id_token', minted.id_token],
      ['access_token', minted.access_token],
    ]);
    expect(event?.response?.body).toEqual(minted);
  });

  it('throws a clear error for an unknown user or app, an API app, or a login the policy refuses', async () => {
    await expect(emulator.mintTokens({ user: 'mallory', client: 'web' })).rejects.toThrow(BridgeError);
    await expect(emulator.mintTokens({ user: 'mallory', client: 'web' })).rejects.toThrow('no user "mallory" (give a user name, login name or id)');
    await expect(emulator.mintTokens({ user: 'alice', client: 'nope' })).rejects.toThrow('no app "nope" (give a client id or an app name)');
    await expect(emulator.mintTokens({ user: 'alice', client: 'api' })).rejects.toThrow('app "api" is an API app: only OIDC apps get tokens for a user');
    await expect(emulator.mintTokens({ user: 'ci-bot', client: 'web' })).rejects.toThrow('user "ci-bot" cannot log in here: only active human users of an active organization can');
    await expect(emulator.mintTokens({ user: 'alice', client: 'web', scope: ' ' })).rejects.toThrow(/^app "web" refuses this login: invalid_request/);
    // An org scope for another org: alice cannot log in there, as on the login page.
    await expect(emulator.mintTokens({ user: 'alice', client: 'web', scope: 'openid urn:zitadel:iam:org:id:123' })).rejects.toThrow(
      'app "web" refuses this login: invalid_request (no org 123)',
    );
    emulator.store.update((draft) => {
      draft.orgs.push({ id: '990000000000000001', name: 'Globex', primaryDomain: 'globex.localhost', state: 'active' });
    });
    await expect(emulator.mintTokens({ user: 'alice', client: 'web', scope: 'openid urn:zitadel:iam:org:id:990000000000000001' })).rejects.toThrow(
      'user "alice" is not in the organization the scope asks for (990000000000000001)',
    );
  });
});
