// Bad input never reaches a 500 or shows internals: duplicated parameters, 10 kB values,
// non-UTF-8 bytes, unknown response types, JSON bodies, oversized bodies, and the login pages'
// messages for a wrong password or an unknown login name (ZITADEL login v1's wording).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import {
  APPS,
  authorizeUrl,
  basicAuth,
  expectErrorRedirect,
  expectNoInternals,
  expectOAuthError,
  get,
  locationOf,
  postForm,
  startAuthorize,
  startErrorsEmulator,
  tokenEndpoint,
  userinfo,
  webLoginTokens,
  withQuery,
} from '../helpers/http-login.js';

const ADMIN_HINT = 'If you have any questions, you may contact the administrator of the application.';
const RESPONSE_TYPE_NOT_CONFIGURED = `The requested response type is missing in the client configuration. ${ADMIN_HINT}`;
const TEN_KB = 10 * 1024;

let emulator: Emulator;
let issuer: string;
let token: string;

beforeAll(async () => {
  emulator = await startErrorsEmulator();
  issuer = emulator.issuer;
  token = tokenEndpoint(issuer);
});
afterAll(() => emulator.close());

const web = { client_id: APPS.web.clientId, redirect_uri: APPS.web.redirectUri, response_type: 'code', scope: 'openid' };
const webAuth = (): Record<string, string> => basicAuth(APPS.web.clientId, APPS.web.secret);
const long = (prefix = ''): string => prefix + 'A'.repeat(TEN_KB);

/** Sends raw bytes over a socket and returns the raw HTTP response (for bytes fetch would escape). */
function rawRequest(bytes: Buffer): Promise<{ status: number; text: string }> {
  const { port } = new URL(issuer);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    });
  });
}

describe('duplicated parameters → 400 invalid_request (RFC 6749 §3.1)', () => {
  it('in the authorize query', async () => {
    for (const dup of ['client_id', 'redirect_uri', 'scope', 'state', 'response_type']) {
      const url = new URL(authorizeUrl(issuer, { ...web, state: 's' }));
      url.searchParams.append(dup, url.searchParams.get(dup) ?? 'x');
      await expectOAuthError(await get(url.href), 400, 'invalid_request');
    }
  });

  it('in a token form', async () => {
    const body = 'grant_type=authorization_code&grant_type=authorization_code&code=x&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback';
    await expectOAuthError(await postForm(token, body, webAuth()), 400, 'invalid_request');
    const twoCodes = 'grant_type=authorization_code&code=a&code=b&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback';
    await expectOAuthError(await postForm(token, twoCodes, webAuth()), 400, 'invalid_request');
  });

  it('in the userinfo, revoke and end_session requests', async () => {
    await expectOAuthError(await postForm(`${issuer}/oidc/v1/userinfo`, 'access_token=a&access_token=b'), 400, 'invalid_request');
    await expectOAuthError(await postForm(`${issuer}/oauth/v2/revoke`, 'token=a&token=b', webAuth()), 400, 'invalid_request');
    await expectOAuthError(await get(`${issuer}/oidc/v1/end_session?state=a&state=b`), 400, 'invalid_request');
  });
});

describe('10 kB values → the documented OAuth error, never a 500', () => {
  it('client_id at authorize → 400 invalid_request Errors.App.NotFound', async () => {
    await expectOAuthError(await get(authorizeUrl(issuer, { ...web, client_id: long() })), 400, 'invalid_request', 'Errors.App.NotFound');
  });

  it('client_id at the token endpoint → 400 invalid_client "no active client not found"', async () => {
    const res = await postForm(token, { grant_type: 'authorization_code', code: 'x', redirect_uri: APPS.web.redirectUri, client_id: long(), client_secret: 's' });
    await expectOAuthError(res, 400, 'invalid_client', 'no active client not found');
    // 10 kB of id in a Basic header (base64 makes it ~13.7 kB; Node refuses headers over 16 kB itself).
    await expectOAuthError(await postForm(token, { grant_type: 'refresh_token', refresh_token: 'x' }, basicAuth(long(), 's')), 400, 'invalid_client', 'no active client not found');
  });

  it('headers over 16 kB are refused by Node with 431, not a 500', async () => {
    const res = await postForm(token, { grant_type: 'refresh_token', refresh_token: 'x' }, basicAuth(long(), long()));
    expect(res.status).toBe(431);
    expectNoInternals(await res.text());
  });

  it('state comes back unchanged in the error redirect', async () => {
    const state = long('state-');
    const res = await get(authorizeUrl(issuer, { ...web, prompt: 'none', state }));
    expectErrorRedirect(res, issuer, { base: APPS.web.redirectUri, error: 'login_required', state });
  });

  it('scope: a long unknown scope is dropped and the login goes on', async () => {
    const res = await get(authorizeUrl(issuer, { ...web, scope: `openid ${long()}` }));
    expect(res.status).toBe(302);
    expect(locationOf(res, issuer).pathname).toBe('/ui/login/login');
    const many = await get(authorizeUrl(issuer, { ...web, scope: 'openid profile '.repeat(700) }));
    expect(many.status).toBe(302);
  });

  it('code → 400 invalid_request Errors.User.Code.Invalid', async () => {
    const res = await postForm(token, { grant_type: 'authorization_code', code: long(), redirect_uri: APPS.web.redirectUri }, webAuth());
    await expectOAuthError(res, 400, 'invalid_request', 'Errors.User.Code.Invalid');
  });

  it('refresh_token → 400 invalid_request Errors.OIDCSession.RefreshTokenInvalid', async () => {
    const res = await postForm(token, { grant_type: 'refresh_token', refresh_token: long() }, webAuth());
    await expectOAuthError(res, 400, 'invalid_request', 'Errors.OIDCSession.RefreshTokenInvalid');
  });

  it('access token at userinfo, id_token_hint at end_session, code_verifier at the token endpoint', async () => {
    await expectOAuthError(await userinfo(issuer, long()), 401, 'access_denied', 'access token invalid');
    const part = 'A'.repeat(TEN_KB / 3);
    await expectOAuthError(await userinfo(issuer, `eyJ${part}.${part}.${part}`), 401, 'access_denied', 'access token invalid');
    await expectOAuthError(await get(withQuery(`${issuer}/oidc/v1/end_session`, { id_token_hint: long() })), 400, 'invalid_request', 'id_token_hint invalid');
    const res = await postForm(token, { grant_type: 'authorization_code', code: 'x', redirect_uri: APPS.web.redirectUri, code_verifier: long() }, webAuth());
    await expectOAuthError(res, 400, 'invalid_request', 'Errors.User.Code.Invalid');
  });
});

describe('non-UTF-8 bytes → an OAuth error, never a 500', () => {
  it('%FF%FE in the authorize query', async () => {
    await expectOAuthError(await get(`${issuer}/oauth/v2/authorize?client_id=%FF%FE&redirect_uri=x&scope=openid`), 400, 'invalid_request', 'Errors.App.NotFound');
    const base = authorizeUrl(issuer, { ...web, prompt: 'none' });
    const res = await get(`${base}&state=%FF%FE`);
    expect(res.status).toBe(302);
    expect(locationOf(res, issuer).searchParams.get('error')).toBe('login_required');
    const badRedirect = authorizeUrl(issuer, { client_id: web.client_id, response_type: 'code', scope: 'openid' });
    await expectOAuthError(await get(`${badRedirect}&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2F%FF%FE`), 400, 'invalid_request');
  });

  it('malformed percent-escapes are taken literally', async () => {
    await expectOAuthError(await get(`${issuer}/oauth/v2/authorize?client_id=%ZZ%&redirect_uri=x&scope=openid`), 400, 'invalid_request', 'Errors.App.NotFound');
  });

  it('raw 0xFF 0xFE bytes in a token form body', async () => {
    const form = (prefix: string, suffix: string): Uint8Array<ArrayBuffer> =>
      new Uint8Array(Buffer.concat([Buffer.from(prefix), Buffer.from([0xff, 0xfe]), Buffer.from(suffix)]));
    const redirect = '&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback';
    await expectOAuthError(await postForm(token, form('grant_type=authorization_code&code=', redirect), webAuth()), 400, 'invalid_request', 'Errors.User.Code.Invalid');
    await expectOAuthError(await postForm(token, form('grant_type=', ''), webAuth()), 400, 'unsupported_grant_type');
    await expectOAuthError(
      await postForm(token, form('grant_type=authorization_code&code=x&client_id=', `${redirect}&client_secret=s`)),
      400,
      'invalid_client',
      'no active client not found',
    );
    const badSecret = form(`grant_type=authorization_code&code=x&client_id=${encodeURIComponent(APPS.web.clientId)}&client_secret=`, redirect);
    await expectOAuthError(await postForm(token, badSecret), 400, 'invalid_client', 'invalid secret');
  });

  it('non-UTF-8 in a Basic header → invalid_client', async () => {
    const escaped = { Authorization: `Basic ${Buffer.from('%FF%FE:%FF').toString('base64')}` };
    await expectOAuthError(await postForm(token, { grant_type: 'authorization_code', code: 'x', redirect_uri: 'x' }, escaped), 400, 'invalid_client');
    const raw = { Authorization: `Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0xff]).toString('base64')}` };
    await expectOAuthError(await postForm(token, { grant_type: 'authorization_code', code: 'x', redirect_uri: 'x' }, raw), 400, 'invalid_client');
  });

  it('raw 0xFF bytes in the request line and in a form body sent over a socket', async () => {
    const { host } = new URL(issuer);
    const line = Buffer.concat([
      Buffer.from('GET /oauth/v2/authorize?client_id='),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`&scope=openid HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
    ]);
    // Node's HTTP parser refuses raw high bytes in the request line itself: a bare 400 without a
    // JSON body, before the app runs (reported, not ZITADEL's shape but never a 500).
    const viaLine = await rawRequest(line);
    expect(viaLine.status).toBeGreaterThanOrEqual(400);
    expect(viaLine.status).toBeLessThan(500);
    expectNoInternals(viaLine.text);

    const body = Buffer.concat([Buffer.from('grant_type=refresh_token&refresh_token='), Buffer.from([0xff, 0xfe, 0x80])]);
    const auth = webAuth().Authorization ?? '';
    const post = Buffer.concat([
      Buffer.from(
        `POST /oauth/v2/token HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${auth}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
      ),
      body,
    ]);
    const viaBody = await rawRequest(post);
    expect(viaBody.status).toBe(400);
    expect(viaBody.text).toContain('"error":"invalid_request"');
    expect(viaBody.text).toContain('Errors.OIDCSession.RefreshTokenInvalid');
    expectNoInternals(viaBody.text);
  });
});

describe('odd values → 4xx, never a 500', () => {
  const odd = ['a.b.c', 'eyJ.eyJ.x', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', '....', '\u0000', '%00', '💥', ' ', '{"a":1}'];

  it.each(odd)('authorize params, id_token_hint, max_age, prompt, response_mode, code_challenge_method = %j', async (value) => {
    for (const extra of [
      { id_token_hint: value },
      { max_age: value },
      { prompt: value },
      { response_mode: value },
      { code_challenge: value, code_challenge_method: value },
      { login_hint: value },
      { nonce: value, state: value },
      { redirect_uri: value },
      { scope: value },
    ]) {
      const res = await get(authorizeUrl(issuer, { ...web, ...extra }));
      const text = await res.text();
      expect(res.status, `${JSON.stringify(extra)} → ${text}`).toBeLessThan(500);
      expectNoInternals(text);
    }
  });

  it.each(odd)('token, userinfo, revoke, end_session with %j', async (value) => {
    const responses = [
      await postForm(token, { grant_type: 'authorization_code', code: value, redirect_uri: value, code_verifier: value }, webAuth()),
      await postForm(token, { grant_type: 'refresh_token', refresh_token: value, scope: value }, webAuth()),
      await postForm(token, { grant_type: 'authorization_code', client_assertion: value, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' }),
      // Header values must be bytes fetch can send; the form carries the raw value.
      await postForm(token, { grant_type: value }, { Authorization: `Basic ${encodeURIComponent(value)}` }),
      await postForm(token, { grant_type: 'authorization_code' }, { Authorization: `Basic ${Buffer.from(value).toString('base64')}` }),
      await userinfo(issuer, encodeURIComponent(value)),
      await postForm(`${issuer}/oidc/v1/userinfo`, { access_token: value }),
      await postForm(`${issuer}/oauth/v2/revoke`, { token: value, token_type_hint: value }, webAuth()),
      await get(withQuery(`${issuer}/oidc/v1/end_session`, { id_token_hint: value, client_id: value, post_logout_redirect_uri: value, state: value })),
    ];
    for (const res of responses) {
      const text = await res.text();
      expect(res.status, `${res.url} → ${text}`).toBeLessThan(500);
      expectNoInternals(text);
    }
  });
});

describe('unknown response types → 400 unauthorized_client (reference §1.2)', () => {
  it.each(['token', 'code id_token', 'code token', 'code id_token token', 'none', 'id_token%20token'])('response_type=%s', async (responseType) => {
    // https: with plain http, a web app may only use response_type=code, which is checked first.
    const res = await get(authorizeUrl(issuer, { ...web, redirect_uri: APPS.web.httpsRedirectUri, response_type: responseType, nonce: 'n' }));
    await expectOAuthError(res, 400, 'unauthorized_client', RESPONSE_TYPE_NOT_CONFIGURED);
  });
});

describe('bodies the endpoints do not take', () => {
  it('a JSON body to the token endpoint → 400 invalid_request', async () => {
    const res = await fetch(token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...webAuth() },
      body: JSON.stringify({ grant_type: 'authorization_code', code: 'x', redirect_uri: APPS.web.redirectUri }),
    });
    await expectOAuthError(res, 400, 'invalid_request');
  });

  it('a JSON body to revoke and userinfo → 400 invalid_request', async () => {
    const json = { 'Content-Type': 'application/json' };
    await expectOAuthError(await fetch(`${issuer}/oauth/v2/revoke`, { method: 'POST', headers: { ...json, ...webAuth() }, body: '{"token":"x"}' }), 400, 'invalid_request');
    await expectOAuthError(await fetch(`${issuer}/oidc/v1/userinfo`, { method: 'POST', headers: json, body: '{"access_token":"x"}' }), 400, 'invalid_request');
  });

  it('a body over 64 KiB → 413 invalid_request', async () => {
    const big = `grant_type=authorization_code&code=${'A'.repeat(64 * 1024)}`;
    await expectOAuthError(await postForm(token, big, webAuth()), 413, 'invalid_request');
  });

  it('a chunked body over 64 KiB (no Content-Length) → 413 invalid_request', async () => {
    const chunk = new TextEncoder().encode('A'.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('grant_type=authorization_code&code='));
        if (sent >= 6) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const init = { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...webAuth() }, body: stream, duplex: 'half' };
    const res = await fetch(token, init as RequestInit);
    await expectOAuthError(res, 413, 'invalid_request');
  });

  it('exactly 64 KiB is still read', async () => {
    const prefix = 'grant_type=authorization_code&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback&code=';
    const body = prefix + 'A'.repeat(64 * 1024 - prefix.length);
    await expectOAuthError(await postForm(token, body, webAuth()), 400, 'invalid_request', 'Errors.User.Code.Invalid');
  });
});

describe('login pages (ZITADEL login v1 messages), never internals', () => {
  async function page(res: Response): Promise<string> {
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expectNoInternals(text);
    return text;
  }

  it('a wrong password shows "Password is invalid"', async () => {
    const { authRequestID, cookie } = await startAuthorize(issuer, web);
    const text = await page(await postForm(`${issuer}/ui/login/password`, { authRequestID, loginName: 'alice', password: 'wrong' }, { Cookie: cookie }));
    expect(text).toContain('Password is invalid');
    expect(text).not.toContain('User could not be found');
  });

  it('an unknown login name shows "User could not be found", at the login-name step and at the password step', async () => {
    const { authRequestID, cookie } = await startAuthorize(issuer, web);
    const atName = await page(await postForm(`${issuer}/ui/login/login`, { authRequestID, loginName: 'nobody' }, { Cookie: cookie }));
    expect(atName).toContain('User could not be found');
    const atPassword = await page(await postForm(`${issuer}/ui/login/password`, { authRequestID, loginName: 'nobody', password: 'x' }, { Cookie: cookie }));
    expect(atPassword).toContain('User could not be found');
    expect(atPassword).not.toContain('Password is invalid');
  });

  it('a user of another org is not found when an org scope restricts the login', async () => {
    const { authRequestID, cookie } = await startAuthorize(issuer, { ...web, scope: 'openid urn:zitadel:iam:org:id:300000000000000003' });
    expect(await page(await postForm(`${issuer}/ui/login/login`, { authRequestID, loginName: 'alice' }, { Cookie: cookie }))).toContain('User could not be found');
  });

  it('long, duplicated and non-UTF-8 login input gives a page, not a 500', async () => {
    const { authRequestID, cookie } = await startAuthorize(issuer, web);
    const browser = { Cookie: cookie };
    expect(await page(await postForm(`${issuer}/ui/login/login`, { authRequestID, loginName: long() }, browser))).toContain('User could not be found');
    const raw = new Uint8Array(Buffer.concat([Buffer.from(`authRequestID=${authRequestID}&loginName=`), Buffer.from([0xff, 0xfe])]));
    expect(await page(await postForm(`${issuer}/ui/login/login`, raw, browser))).toContain('User could not be found');
    const dup = await postForm(`${issuer}/ui/login/login`, `authRequestID=${authRequestID}&loginName=a&loginName=b`, browser);
    expectNoInternals(await dup.text());
    expect(dup.status).toBe(400);
  });

  it('an unknown or missing auth request gives a page, not a 500', async () => {
    for (const res of [
      await get(`${issuer}/ui/login/login?authRequestID=nope`),
      await get(`${issuer}/ui/login/login`),
      await postForm(`${issuer}/ui/login/password`, { authRequestID: long(), loginName: 'alice', password: 'x' }),
      await get(`${issuer}/oauth/v2/authorize/callback?id=nope`),
    ]) {
      const text = await res.text();
      expect(res.status).toBe(400);
      expectNoInternals(text);
    }
  });

  it('no error body anywhere names a stack frame or "Error:"', async () => {
    const tokens = await webLoginTokens(issuer);
    const bodies = await Promise.all(
      [
        get(`${issuer}/oauth/v2/authorize`),
        get(`${issuer}/oauth/v2/authorize?client_id=${APPS.web.clientId}`),
        postForm(token, {}),
        postForm(token, { grant_type: 'refresh_token', refresh_token: tokens.access_token }, webAuth()),
        get(`${issuer}/oauth/v2/token`),
        get(`${issuer}/oauth/v2/nothing-here`),
        postForm(`${issuer}/oauth/v2/introspect`, { token: 'x' }),
        postForm(`${issuer}/oauth/v2/device_authorization`, { client_id: 'x' }),
        get(`${issuer}/oidc/v1/end_session?id_token_hint=${tokens.access_token}`),
      ].map(async (p) => {
        const res = await p;
        return { status: res.status, text: await res.text() };
      }),
    );
    for (const { status, text } of bodies) {
      expect(status, text).toBeGreaterThanOrEqual(400);
      expectNoInternals(text);
    }
    // Only the missing redirect_uri is a 500 (reference §1.2).
    expect(bodies.filter((b) => b.status >= 500)).toEqual([
      { status: 500, text: '{"error":"server_error","error_description":"auth request is missing redirect_uri"}' },
    ]);
  });
});
