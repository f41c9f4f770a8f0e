// Reference §6: userinfo errors (401, no WWW-Authenticate), revocation (empty 200 for anything,
// refresh revocation ends the access token, 401 invalid_client), end_session checks and targets.
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import {
  APPS,
  IDS,
  PASSWORD,
  authorizeUrl,
  basicAuth,
  expectErrorRedirect,
  expectOAuthError,
  get,
  locationOf,
  loginWithPassword,
  postForm,
  startErrorsEmulator,
  tokenEndpoint,
  userinfo,
  webLoginTokens,
  withQuery,
  type TokenResponse,
} from '../helpers/http-login.js';

let emulator: Emulator;
let issuer: string;

beforeAll(async () => {
  emulator = await startErrorsEmulator();
  issuer = emulator.issuer;
});
afterAll(() => emulator.close());

const userinfoUrl = (): string => `${issuer}/oidc/v1/userinfo`;
const revokeUrl = (): string => `${issuer}/oauth/v2/revoke`;
const endSessionUrl = (): string => `${issuer}/oidc/v1/end_session`;
const webAuth = (): Record<string, string> => basicAuth(APPS.web.clientId, APPS.web.secret);

async function loginAs(loginName: string, scope = 'openid email offline_access'): Promise<TokenResponse & { cookie: string }> {
  const login = await loginWithPassword(
    issuer,
    { client_id: APPS.web.clientId, redirect_uri: APPS.web.redirectUri, response_type: 'code', scope },
    { loginName, password: PASSWORD },
  );
  const code = login.params.get('code') ?? '';
  const res = await postForm(tokenEndpoint(issuer), { grant_type: 'authorization_code', code, redirect_uri: APPS.web.redirectUri }, webAuth());
  expect(res.status).toBe(200);
  return { ...((await res.json()) as TokenResponse), cookie: login.cookie };
}

describe('userinfo (reference §6)', () => {
  it('no token → 401 invalid_request "access token missing", no WWW-Authenticate', async () => {
    for (const res of [await get(userinfoUrl()), await postForm(userinfoUrl(), {}), await get(userinfoUrl(), { Authorization: 'Basic eDp5' })]) {
      expect(res.headers.get('www-authenticate')).toBeNull();
      await expectOAuthError(res, 401, 'invalid_request', 'access token missing');
    }
  });

  it('a bad token → 401 access_denied "access token invalid", no WWW-Authenticate', async () => {
    for (const bad of ['garbage', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', 'a.b.c.d.e']) {
      const res = await userinfo(issuer, bad);
      expect(res.headers.get('www-authenticate')).toBeNull();
      await expectOAuthError(res, 401, 'access_denied', 'access token invalid');
    }
  });

  it('the token in the access_token form field works', async () => {
    const tokens = await webLoginTokens(issuer);
    const res = await postForm(userinfoUrl(), { access_token: tokens.access_token });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sub: IDS.alice, email: 'alice@acme.localhost' });
  });

  it('an inactive user → 401 access_denied "no active user"', async () => {
    const tokens = await loginAs('bob');
    expect((await userinfo(issuer, tokens.access_token)).status).toBe(200);
    emulator.store.update((draft) => {
      const bob = draft.users.find((u) => u.id === IDS.bob);
      if (bob) bob.state = 'inactive';
    });
    try {
      const res = await userinfo(issuer, tokens.access_token);
      expect(res.headers.get('www-authenticate')).toBeNull();
      await expectOAuthError(res, 401, 'access_denied', 'no active user');
    } finally {
      emulator.store.update((draft) => {
        const bob = draft.users.find((u) => u.id === IDS.bob);
        if (bob) bob.state = 'active';
      });
    }
  });
});

describe('revocation (reference §6)', () => {
  async function expectEmpty200(res: Response): Promise<void> {
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(text).toBe('');
    expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  }

  it('an unknown or malformed token → 200, empty body, application/json', async () => {
    await expectEmpty200(await postForm(revokeUrl(), { token: 'unknown-token' }, webAuth()));
    await expectEmpty200(await postForm(revokeUrl(), { token: 'unknown-token', token_type_hint: 'access_token' }, webAuth()));
    await expectEmpty200(await postForm(revokeUrl(), { token: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln', token_type_hint: 'refresh_token' }, webAuth()));
  });

  it('an already revoked token → 200 again', async () => {
    const tokens = await webLoginTokens(issuer);
    await expectEmpty200(await postForm(revokeUrl(), { token: tokens.access_token }, webAuth()));
    await expectEmpty200(await postForm(revokeUrl(), { token: tokens.access_token }, webAuth()));
    await expectOAuthError(await userinfo(issuer, tokens.access_token), 401, 'access_denied', 'access token invalid');
  });

  it('revoking the refresh token ends the access token too', async () => {
    const tokens = await webLoginTokens(issuer);
    expect((await userinfo(issuer, tokens.access_token)).status).toBe(200);
    await expectEmpty200(await postForm(revokeUrl(), { token: tokens.refresh_token, token_type_hint: 'refresh_token' }, webAuth()));
    await expectOAuthError(await userinfo(issuer, tokens.access_token), 401, 'access_denied', 'access token invalid');
    const refresh = await postForm(tokenEndpoint(issuer), { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, webAuth());
    await expectOAuthError(refresh, 400, 'invalid_request', 'Errors.OIDCSession.RefreshTokenInvalid');
  });

  it('a wrong client secret → 401 invalid_client', async () => {
    const res = await postForm(revokeUrl(), { token: 'x' }, basicAuth(APPS.web.clientId, 'wrong'));
    await expectOAuthError(res, 401, 'invalid_client', 'invalid secret');
    await expectOAuthError(await postForm(revokeUrl(), { token: 'x', client_id: 'nope', client_secret: 'x' }), 401, 'invalid_client', 'no active client not found');
  });

  it('the token still works after a refused revocation', async () => {
    const tokens = await webLoginTokens(issuer);
    await expectOAuthError(await postForm(revokeUrl(), { token: tokens.access_token }, basicAuth(APPS.web.clientId, 'wrong')), 401, 'invalid_client');
    expect((await userinfo(issuer, tokens.access_token)).status).toBe(200);
  });
});

describe('end_session (reference §6)', () => {
  it('an invalid id_token_hint → 400 invalid_request "id_token_hint invalid"', async () => {
    await expectOAuthError(await get(withQuery(endSessionUrl(), { id_token_hint: 'garbage' })), 400, 'invalid_request', 'id_token_hint invalid');
    // Well-formed, but signed by a key that is not the emulator's.
    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT({ azp: APPS.web.clientId, sid: 'x' })
      .setProtectedHeader({ alg: 'RS256', kid: 'foreign' })
      .setIssuer(issuer)
      .setSubject(IDS.alice)
      .setAudience(APPS.web.clientId)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    await expectOAuthError(await get(withQuery(endSessionUrl(), { id_token_hint: foreign })), 400, 'invalid_request', 'id_token_hint invalid');
  });

  it('client_id different from the hint azp → 400 invalid_request', async () => {
    const tokens = await webLoginTokens(issuer);
    const res = await get(withQuery(endSessionUrl(), { id_token_hint: tokens.id_token, client_id: APPS.post.clientId }));
    await expectOAuthError(res, 400, 'invalid_request', 'client_id does not match azp of id_token_hint');
  });

  it('an unregistered post_logout_redirect_uri → 400 invalid_request', async () => {
    const tokens = await webLoginTokens(issuer);
    const viaHint = await get(withQuery(endSessionUrl(), { id_token_hint: tokens.id_token, post_logout_redirect_uri: 'https://evil.example.com/' }));
    await expectOAuthError(viaHint, 400, 'invalid_request', 'post_logout_redirect_uri invalid');
    // A redirect URI is not a post-logout redirect URI.
    const viaClient = await get(withQuery(endSessionUrl(), { client_id: APPS.web.clientId, post_logout_redirect_uri: APPS.web.redirectUri }));
    await expectOAuthError(viaClient, 400, 'invalid_request', 'post_logout_redirect_uri invalid');
  });

  it('no client known → the default logged-out page, with state', async () => {
    const res = await get(withQuery(endSessionUrl(), { state: 'bye 1' }));
    const target = locationOf(res, issuer);
    expect(target.origin).toBe(issuer);
    expect(target.pathname).toBe('/ui/login/logout/done');
    expect(target.searchParams.get('state')).toBe('bye 1');
    // A redirect without a client to check it against is not followed.
    const ignored = locationOf(await get(withQuery(endSessionUrl(), { post_logout_redirect_uri: 'https://evil.example.com/', state: 's' })), issuer);
    expect(`${ignored.origin}${ignored.pathname}`).toBe(`${issuer}/ui/login/logout/done`);
    const page = await get(target.href);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('a registered post_logout_redirect_uri gets state, and the browser session ends', async () => {
    const login = await loginAs('alice');
    // The browser is logged in: prompt=none succeeds.
    const sso = await get(
      authorizeUrl(issuer, { client_id: APPS.web.clientId, redirect_uri: APPS.web.redirectUri, response_type: 'code', scope: 'openid', prompt: 'none' }),
      { Cookie: login.cookie },
    );
    expect(locationOf(sso, issuer).searchParams.get('code')).toBeTruthy();

    const res = await get(
      withQuery(endSessionUrl(), { id_token_hint: login.id_token, post_logout_redirect_uri: APPS.web.postLogoutRedirectUri, state: 'bye-2' }),
      { Cookie: login.cookie },
    );
    const target = locationOf(res, issuer);
    expect(`${target.origin}${target.pathname}`).toBe(APPS.web.postLogoutRedirectUri);
    expect(target.searchParams.get('state')).toBe('bye-2');

    const after = await get(
      authorizeUrl(issuer, { client_id: APPS.web.clientId, redirect_uri: APPS.web.redirectUri, response_type: 'code', scope: 'openid', prompt: 'none', state: 'p' }),
      { Cookie: login.cookie },
    );
    expectErrorRedirect(after, issuer, { base: APPS.web.redirectUri, error: 'login_required', state: 'p' });
  });
});
