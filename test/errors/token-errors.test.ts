// /oauth/v2/token errors, reference §4 intro, §4.1 (client authentication), §4.2 (code + PKCE),
// §4.3 (refresh), plus no-store caching and the CORS headers of reference §1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import {
  APPS,
  basicAuth,
  expectOAuthError,
  get,
  loginForCode,
  pkcePair,
  postForm,
  startErrorsEmulator,
  tokenEndpoint,
  userinfo,
  webLoginTokens,
  type TokenResponse,
} from '../helpers/http-login.js';

const REFRESH_INVALID = 'Errors.OIDCSession.RefreshTokenInvalid';

let emulator: Emulator;
let issuer: string;
let token: string;

beforeAll(async () => {
  emulator = await startErrorsEmulator();
  issuer = emulator.issuer;
  token = tokenEndpoint(issuer);
});
afterAll(() => emulator.close());

const webAuth = (): Record<string, string> => basicAuth(APPS.web.clientId, APPS.web.secret);

function webCode(extra: Record<string, string | undefined> = {}): Promise<string> {
  return loginForCode(issuer, { client_id: APPS.web.clientId, redirect_uri: APPS.web.redirectUri, scope: 'openid', ...extra });
}

function redeem(code: string, extra: Record<string, string | undefined> = {}, headers = webAuth()): Promise<Response> {
  return postForm(token, { grant_type: 'authorization_code', code, redirect_uri: APPS.web.redirectUri, ...extra }, headers);
}

async function tokensOf(res: Response): Promise<TokenResponse> {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as TokenResponse;
}

describe('grant_type (reference §4)', () => {
  it('missing → 400 invalid_request "grant_type missing"', async () => {
    await expectOAuthError(await postForm(token, { code: 'x' }, webAuth()), 400, 'invalid_request', 'grant_type missing');
  });

  it('password, implicit and unknown grants → 400 unsupported_grant_type "<gt> not supported"', async () => {
    for (const gt of ['password', 'implicit', 'urn:example:unknown']) {
      const res = await postForm(token, { grant_type: gt, username: 'alice', password: 'x' }, webAuth());
      await expectOAuthError(res, 400, 'unsupported_grant_type', `${gt} not supported`);
    }
  });

  it('a grant the app does not have → 400 unauthorized_client', async () => {
    const res = await postForm(token, { grant_type: 'refresh_token', refresh_token: 'x', client_id: APPS.post.clientId, client_secret: APPS.post.secret });
    await expectOAuthError(res, 400, 'unauthorized_client', 'grant_type "refresh_token" not allowed');
  });
});

describe('client authentication (reference §4.1): invalid_client is a 400 here', () => {
  const body = { grant_type: 'authorization_code', code: 'whatever', redirect_uri: APPS.web.redirectUri };

  it('unknown client → "no active client not found"', async () => {
    await expectOAuthError(await postForm(token, body, basicAuth('399999999999999999', 'x')), 400, 'invalid_client', 'no active client not found');
    await expectOAuthError(await postForm(token, { ...body, client_id: 'nope', client_secret: 'x' }), 400, 'invalid_client', 'no active client not found');
  });

  it('inactive app, or app of an inactive project → "no active client not found"', async () => {
    for (const app of [APPS.inactive, APPS.inInactiveProject]) {
      const res = await postForm(token, { ...body, redirect_uri: app.redirectUri }, basicAuth(app.clientId, app.secret));
      await expectOAuthError(res, 400, 'invalid_client', 'no active client not found');
    }
  });

  it('empty secret → "empty client secret" (form without secret, or Basic with an empty password)', async () => {
    await expectOAuthError(await postForm(token, { ...body, client_id: APPS.web.clientId }), 400, 'invalid_client', 'empty client secret');
    await expectOAuthError(await postForm(token, body, basicAuth(APPS.web.clientId, '')), 400, 'invalid_client', 'empty client secret');
  });

  it('wrong secret → "invalid secret", by either transport', async () => {
    await expectOAuthError(await postForm(token, body, basicAuth(APPS.web.clientId, 'wrong')), 400, 'invalid_client', 'invalid secret');
    const post = { ...body, client_id: APPS.web.clientId, client_secret: 'wrong' };
    await expectOAuthError(await postForm(token, post), 400, 'invalid_client', 'invalid secret');
  });

  it('the Basic header wins over form fields', async () => {
    const res = await postForm(token, { ...body, client_id: APPS.web.clientId, client_secret: APPS.web.secret }, basicAuth(APPS.web.clientId, 'wrong'));
    await expectOAuthError(res, 400, 'invalid_client', 'invalid secret');
  });

  it('Basic parts are form-url-decoded: the secret "web-secret!" must be sent as web-secret%21', async () => {
    // Authenticated, so the next check (the code) fails instead.
    await expectOAuthError(await postForm(token, body, webAuth()), 400, 'invalid_request', 'Errors.User.Code.Invalid');
    const raw = `Basic ${Buffer.from(`${APPS.web.clientId}:${APPS.web.secret}`).toString('base64')}`;
    // "@" unencoded still decodes to "@"; "!" unencoded too — both parts decode to the same values.
    await expectOAuthError(await postForm(token, body, { Authorization: raw }), 400, 'invalid_request', 'Errors.User.Code.Invalid');
    const plus = `Basic ${Buffer.from(`${APPS.web.clientId}:web+secret!`).toString('base64')}`;
    await expectOAuthError(await postForm(token, body, { Authorization: plus }), 400, 'invalid_client', 'invalid secret');
  });

  it("the reference's example header authenticates client 78366401571920522@amce", async () => {
    const header = { Authorization: 'Basic NzgzNjY0MDE1NzE5MjA1MjIlNDBhbWNlOnZlcnl3ZWFrc2VjcmV0JTIx' };
    const res = await postForm(token, { grant_type: 'authorization_code', code: 'x', redirect_uri: APPS.docsExample.redirectUri }, header);
    await expectOAuthError(res, 400, 'invalid_request', 'Errors.User.Code.Invalid');
    const noCode = await postForm(token, { grant_type: 'authorization_code', redirect_uri: APPS.docsExample.redirectUri }, header);
    await expectOAuthError(noCode, 400, 'invalid_request', 'code missing');
  });

  it('neither client_id nor client_assertion → 400 invalid_request', async () => {
    await expectOAuthError(await postForm(token, body), 400, 'invalid_request', 'client_id or client_assertion must be provided');
  });

  it('a client_assertion with a wrong client_assertion_type → 400 invalid_request', async () => {
    for (const type of ['urn:ietf:params:oauth:client-assertion-type:saml2-bearer', undefined]) {
      const res = await postForm(token, { ...body, client_assertion: 'eyJhbGciOiJSUzI1NiJ9.e30.sig', client_assertion_type: type });
      await expectOAuthError(res, 400, 'invalid_request', /^invalid client_assertion_type/);
    }
  });
});

describe('authorization_code (reference §4.2)', () => {
  it('code missing / redirect_uri missing → 400 invalid_request', async () => {
    await expectOAuthError(await postForm(token, { grant_type: 'authorization_code', redirect_uri: APPS.web.redirectUri }, webAuth()), 400, 'invalid_request', 'code missing');
    await expectOAuthError(await postForm(token, { grant_type: 'authorization_code', code: 'x' }, webAuth()), 400, 'invalid_request', 'redirect_uri missing');
  });

  it('a garbage code → 400 invalid_request Errors.User.Code.Invalid (not invalid_grant)', async () => {
    await expectOAuthError(await redeem('garbage'), 400, 'invalid_request', 'Errors.User.Code.Invalid');
  });

  it('a code of another client → 400 invalid_client', async () => {
    const code = await webCode();
    const res = await postForm(token, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: APPS.web.redirectUri,
      client_id: APPS.post.clientId,
      client_secret: APPS.post.secret,
    });
    await expectOAuthError(res, 400, 'invalid_client', 'client_id does not correspond to the client_id in the authorization request');
  });

  it('a different redirect_uri → 400 invalid_grant', async () => {
    const code = await webCode();
    await expectOAuthError(await redeem(code, { redirect_uri: APPS.web.httpsRedirectUri }), 400, 'invalid_grant', 'redirect_uri does not correspond');
  });

  it('a replayed code → 400 invalid_request, and the tokens of the first redemption stop working', async () => {
    const code = await webCode({ scope: 'openid email offline_access' });
    const first = await tokensOf(await redeem(code));
    expect((await userinfo(issuer, first.access_token)).status).toBe(200);
    await expectOAuthError(await redeem(code), 400, 'invalid_request');
    await expectOAuthError(await userinfo(issuer, first.access_token), 401, 'access_denied', 'access token invalid');
    if (!first.refresh_token) throw new Error('no refresh token');
    const refresh = await postForm(token, { grant_type: 'refresh_token', refresh_token: first.refresh_token }, webAuth());
    await expectOAuthError(refresh, 400, 'invalid_request', REFRESH_INVALID);
  });

  describe('PKCE table', () => {
    it('challenge present, verifier missing → invalid_request "code_verifier required"', async () => {
      const { challenge } = pkcePair();
      const code = await webCode({ code_challenge: challenge, code_challenge_method: 'S256' });
      await expectOAuthError(await redeem(code), 400, 'invalid_request', 'code_verifier required');
    });

    it('verifier wrong → invalid_grant "invalid code_verifier"', async () => {
      const { challenge } = pkcePair();
      const code = await webCode({ code_challenge: challenge, code_challenge_method: 'S256' });
      await expectOAuthError(await redeem(code, { code_verifier: pkcePair().verifier }), 400, 'invalid_grant', 'invalid code_verifier');
    });

    it('verifier right → 200', async () => {
      const { challenge, verifier } = pkcePair();
      const code = await webCode({ code_challenge: challenge, code_challenge_method: 'S256' });
      await tokensOf(await redeem(code, { code_verifier: verifier }));
    });

    it('confidential client without a challenge: a code_verifier is ignored (the check runs only with a challenge or auth none)', async () => {
      const code = await webCode();
      await tokensOf(await redeem(code, { code_verifier: pkcePair().verifier }));
    });

    it('PKCE is checked before redirect_uri', async () => {
      const { challenge } = pkcePair();
      const code = await webCode({ code_challenge: challenge, code_challenge_method: 'S256' });
      await expectOAuthError(await redeem(code, { redirect_uri: APPS.web.httpsRedirectUri }), 400, 'invalid_request', 'code_verifier required');
    });

    const nativeParams = { client_id: APPS.native.clientId, redirect_uri: 'http://127.0.0.1:49152/callback', scope: 'openid' };
    const nativeRedeem = (code: string, extra: Record<string, string> = {}): Promise<Response> =>
      postForm(token, { grant_type: 'authorization_code', code, redirect_uri: nativeParams.redirect_uri, client_id: APPS.native.clientId, ...extra });

    it('public client (auth none): verifier sent but no challenge → invalid_request "code_verifier unexpectedly provided"', async () => {
      const code = await loginForCode(issuer, nativeParams);
      await expectOAuthError(await nativeRedeem(code, { code_verifier: pkcePair().verifier }), 400, 'invalid_request', 'code_verifier unexpectedly provided');
    });

    it('public client that sent no challenge can redeem without a verifier (reference §4.2, §11.15)', async () => {
      const code = await loginForCode(issuer, nativeParams);
      await tokensOf(await nativeRedeem(code));
    });

    it('public client with a challenge: verifier missing → "code_verifier required", right verifier → 200', async () => {
      const pair = pkcePair();
      const withChallenge = { ...nativeParams, code_challenge: pair.challenge, code_challenge_method: 'S256' };
      await expectOAuthError(await nativeRedeem(await loginForCode(issuer, withChallenge)), 400, 'invalid_request', 'code_verifier required');
      await tokensOf(await nativeRedeem(await loginForCode(issuer, withChallenge), { code_verifier: pair.verifier }));
    });
  });
});

describe('refresh_token (reference §4.3)', () => {
  const refresh = (params: Record<string, string | undefined>, headers = webAuth()): Promise<Response> =>
    postForm(token, { grant_type: 'refresh_token', ...params }, headers);

  it('refresh_token missing → 400 invalid_request', async () => {
    await expectOAuthError(await refresh({}), 400, 'invalid_request', 'refresh_token missing');
  });

  it('an unknown refresh token → 400 invalid_request Errors.OIDCSession.RefreshTokenInvalid', async () => {
    await expectOAuthError(await refresh({ refresh_token: 'not-a-refresh-token' }), 400, 'invalid_request', REFRESH_INVALID);
  });

  it('a rotated refresh token → 400 invalid_request, and the previous access token stops working', async () => {
    const first = await webLoginTokens(issuer);
    const second = await tokensOf(await refresh({ refresh_token: first.refresh_token }));
    expect(second.refresh_token).toBeDefined();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    await expectOAuthError(await refresh({ refresh_token: first.refresh_token }), 400, 'invalid_request', REFRESH_INVALID);
    await expectOAuthError(await userinfo(issuer, first.access_token), 401, 'access_denied', 'access token invalid');
    expect((await userinfo(issuer, second.access_token)).status).toBe(200);
  });

  it('another client → 400 invalid_client', async () => {
    const tokens = await webLoginTokens(issuer);
    const res = await refresh({ refresh_token: tokens.refresh_token, client_id: APPS.native.clientId }, {});
    await expectOAuthError(res, 400, 'invalid_client', 'client_id does not correspond to the client_id in the refresh token');
  });

  it('a scope that is not a subset → 400 invalid_scope without a description', async () => {
    const tokens = await webLoginTokens(issuer, 'openid offline_access');
    await expectOAuthError(await refresh({ refresh_token: tokens.refresh_token, scope: 'openid email offline_access' }), 400, 'invalid_scope', null);
  });

  it('narrowing the scope works and the new tokens carry only the narrower scope', async () => {
    const tokens = await webLoginTokens(issuer, 'openid email offline_access');
    const before = (await (await userinfo(issuer, tokens.access_token)).json()) as Record<string, unknown>;
    expect(before.email).toBe('alice@acme.localhost');
    const narrowed = await tokensOf(await refresh({ refresh_token: tokens.refresh_token, scope: 'openid offline_access' }));
    const info = await userinfo(issuer, narrowed.access_token);
    expect(info.status).toBe(200);
    const claims = (await info.json()) as Record<string, unknown>;
    expect(claims.sub).toBe('300000000000000040');
    expect(claims).not.toHaveProperty('email');
  });
});

describe('headers', () => {
  it('token responses, good and bad, carry Cache-Control: no-store', async () => {
    const code = await webCode();
    const ok = await redeem(code);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(ok.headers.get('pragma')).toBe('no-cache');
    expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
    const bad = await redeem('garbage');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('cache-control')).toBe('no-store');
  });

  it('CORS: token answers echo the Origin without credentials (issue 12), also on errors', async () => {
    const origin = 'http://localhost:5173';
    for (const res of [await redeem('garbage', {}, { ...webAuth(), Origin: origin }), await redeem(await webCode(), {}, { ...webAuth(), Origin: origin })]) {
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('access-control-expose-headers')).toBe('Location, Content-Length');
      expect(res.headers.get('vary') ?? '').toMatch(/Origin/);
    }
  });

  it('CORS: a preflight to the token endpoint is answered', async () => {
    const res = await fetch(token, {
      method: 'OPTIONS',
      headers: { Origin: 'https://spa.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://spa.example.com');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('Origin, Accept, Accept-Language, Authorization, Content-Type, X-Requested-With');
  });

  it('CORS: discovery answers with the Origin; no Origin, no CORS headers', async () => {
    const withOrigin = await get(`${issuer}/.well-known/openid-configuration`, { Origin: 'http://localhost:4200' });
    expect(withOrigin.status).toBe(200);
    expect(withOrigin.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
    expect(withOrigin.headers.get('access-control-allow-credentials')).toBeNull();
    const without = await get(`${issuer}/.well-known/openid-configuration`);
    expect(without.headers.get('access-control-allow-origin')).toBeNull();
  });
});
