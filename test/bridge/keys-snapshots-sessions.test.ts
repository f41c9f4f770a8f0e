// rotateSigningKey({ retirePrevious }), snapshot/restore/reset and browserSession (issue 15):
// a jose createRemoteJWKSet verifier rejects old tokens after it refetches a JWKS without their
// key; restore and reset bring back the store, runtime state and clock; a browser session
// cookie makes the next authorization request log in without a page.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { fetchJwks, startTestEmulator } from '../helpers/emulator.js';
import { authorizeUrl, basicAuth, get, postForm, tokenEndpoint } from '../helpers/http-login.js';
import { decodeJwtPart, demoApps, type DemoApps } from './bridge-seed.js';

let emulator: Emulator;
let apps: DemoApps;

beforeAll(async () => {
  emulator = await startTestEmulator();
  apps = demoApps(emulator);
});
afterAll(() => emulator.close());

async function isActive(token: string): Promise<boolean> {
  const res = await postForm(`${emulator.issuer}/oauth/v2/introspect`, { token }, basicAuth(apps.api.clientId, apps.api.secret));
  return ((await res.json()) as { active: boolean }).active;
}

describe('rotateSigningKey', () => {
  it('keeps earlier keys published by default', async () => {
    const before = (await fetchJwks(emulator.issuer)).keys.map((k) => k.kid);
    const kid = await emulator.rotateSigningKey();
    expect((await fetchJwks(emulator.issuer)).keys.map((k) => k.kid)).toEqual([...before, kid]);
  });

  it('with retirePrevious, a createRemoteJWKSet verifier rejects old tokens once it refetches', async () => {
    const old = await emulator.mintTokens({ user: 'alice', client: 'web', scope: 'openid' });
    // cooldownDuration 0: the verifier refetches the JWKS whenever it meets an unknown kid.
    const jwks = createRemoteJWKSet(new URL(`${emulator.issuer}/oauth/v2/keys`), { cooldownDuration: 0 });
    const options = { issuer: emulator.issuer, audience: apps.web.clientId };
    await expect(jwtVerify(old.id_token ?? '', jwks, options)).resolves.toBeDefined();

    const kid = await emulator.rotateSigningKey({ retirePrevious: true });
    expect((await fetchJwks(emulator.issuer)).keys.map((k) => k.kid)).toEqual([kid]);
    const fresh = await emulator.mintTokens({ user: 'alice', client: 'web', scope: 'openid' });
    expect(decodeJwtPart(fresh.id_token ?? '', 0).kid).toBe(kid);
    // Verifying the new token makes the verifier refetch (unknown kid); the old one then fails.
    await expect(jwtVerify(fresh.id_token ?? '', jwks, options)).resolves.toBeDefined();
    await expect(jwtVerify(old.id_token ?? '', jwks, options)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
  });
});

function renameBob(displayName: string): void {
  emulator.store.update((draft) => {
    const bob = draft.users.find((u) => u.userName === 'bob');
    if (bob?.human) bob.human.profile.displayName = displayName;
  });
}

describe('snapshot, restore and reset', () => {
  it('restore brings back the store, the tokens and the clock of the snapshot', async () => {
    const minted = await emulator.mintTokens({ user: 'alice', client: 'web' });
    emulator.clock.advance('1h');
    const snapshot = emulator.snapshot();

    renameBob('Robert');
    const revoked = await postForm(`${emulator.issuer}/oauth/v2/revoke`, { token: minted.access_token }, basicAuth(apps.web.clientId, apps.web.secret));
    expect(revoked.status).toBe(200);
    expect(await isActive(minted.access_token ?? '')).toBe(false);
    emulator.clock.advance('5d');

    emulator.restore(snapshot);
    expect(emulator.store.data.users.find((u) => u.userName === 'bob')?.human?.profile.displayName).toBe('Bob Jones');
    expect(await isActive(minted.access_token ?? '')).toBe(true);
    expect(Math.round(emulator.clock.offsetMs / 60_000)).toBe(60);
    expect(() => emulator.restore({} as never)).toThrow('restore() takes a value snapshot() returned');
  });

  it('reset goes back to the store it started with, with earlier tokens inactive, real time and no faults', async () => {
    const started = JSON.stringify(emulator.store.data.users);
    const minted = await emulator.mintTokens({ user: 'alice', client: 'web' });
    renameBob('Robert');
    emulator.clock.advance('2d');
    emulator.faults.add({ endpoint: 'token', drop: true });

    emulator.reset();
    expect(JSON.stringify(emulator.store.data.users)).toBe(started);
    expect(await isActive(minted.access_token ?? '')).toBe(false);
    const res = await postForm(tokenEndpoint(emulator.issuer), { grant_type: 'refresh_token', refresh_token: minted.refresh_token }, basicAuth(apps.web.clientId, apps.web.secret));
    expect(res.status).toBe(400);
    expect(emulator.clock.offsetMs).toBe(0);
    expect(emulator.faults.list()).toEqual([]);
  });
});

describe('browserSession', () => {
  it('gives a cookie that answers the next authorization request without a login page', async () => {
    const cookie = emulator.browserSession({ user: 'alice' });
    expect(cookie).toEqual({
      name: `idp_emulator_ua_${emulator.port}`,
      value: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/),
      domain: '127.0.0.1',
      path: '/',
      httpOnly: true,
      secure: false,
      sameSite: 'Lax',
      expires: -1,
    });
    const res = await get(authorizeUrl(emulator.issuer, { client_id: apps.web.clientId, redirect_uri: apps.web.redirectUri, response_type: 'code', scope: 'openid', state: 's' }), {
      Cookie: `${cookie.name}=${cookie.value}`,
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(apps.web.redirectUri);
    expect([...location.searchParams.keys()].sort()).toEqual(['code', 'state']);

    const tokens = await postForm(
      tokenEndpoint(emulator.issuer),
      { grant_type: 'authorization_code', code: location.searchParams.get('code') ?? '', redirect_uri: apps.web.redirectUri },
      basicAuth(apps.web.clientId, apps.web.secret),
    );
    const claims = decodeJwtPart(((await tokens.json()) as { id_token: string }).id_token, 1);
    expect(claims).toMatchObject({ sub: apps.aliceId, amr: ['pwd'] });
  });

  it('a cookie value the server never issued still gets the login page', async () => {
    const cookie = emulator.browserSession({ user: 'alice' });
    const res = await get(authorizeUrl(emulator.issuer, { client_id: apps.web.clientId, redirect_uri: apps.web.redirectUri, response_type: 'code', scope: 'openid' }), {
      Cookie: `${cookie.name}=not-${cookie.value}`,
    });
    expect(new URL(res.headers.get('location') ?? '', emulator.issuer).pathname).toBe('/ui/login/login');
  });

  it('storageState wraps the cookie for Playwright; service users and unknown users are refused', () => {
    const state = emulator.storageState({ user: 'bob' });
    expect(state.origins).toEqual([]);
    expect(state.cookies).toHaveLength(1);
    expect(state.cookies[0]?.name).toBe(`idp_emulator_ua_${emulator.port}`);
    expect(() => emulator.browserSession({ user: 'ci-bot' })).toThrow('user "ci-bot" cannot log in in a browser: only active human users of an active organization can');
    expect(() => emulator.storageState({ user: 'nobody' })).toThrow('no user "nobody"');
  });
});
