// Issue 12 items 8 and 10: dev-mode globs match the parsed URL's parts (a userinfo "host" does
// not pass as a port), userinfo is never accepted, javascript:/data: are refused for every app
// type, end_session forwards to none of them, and redirect_uri is decoded exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { matchesGlob } from '../../src/main/oidc/authorize/redirect-uri.js';
import { APPS, authorizeUrl, buildErrorsSeed, expectOAuthError, get, startErrorsEmulator, withQuery } from '../helpers/http-login.js';

const USERINFO = 'The requested redirect_uri must not contain user information (user:password@).';
const SCRIPT = 'The requested redirect_uri uses a scheme that runs code in the browser (javascript:, data:, vbscript:).';
const NOT_REGISTERED = /^The requested redirect_uri is missing in the client configuration\./;

let emulator: Emulator;
beforeAll(async () => {
  const seed = buildErrorsSeed();
  for (const app of seed.apps ?? []) {
    if (app.clientId === APPS.spaDev.clientId && app.oidc) {
      app.oidc.redirectUris = ['http://localhost:*/**'];
      app.oidc.postLogoutRedirectUris = ['http://localhost:*/**'];
    }
    if (app.clientId === APPS.native.clientId && app.oidc) {
      app.oidc.redirectUris = [...(app.oidc.redirectUris ?? []), 'javascript:alert(1)//', 'data:text/html,hi'];
    }
  }
  emulator = await startErrorsEmulator(seed);
});
afterAll(() => emulator.close());

const dev = { client_id: APPS.spaDev.clientId, response_type: 'code', scope: 'openid', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' };

async function expectLogin(res: Response): Promise<void> {
  expect(res.status, await res.text()).toBe(302);
  expect(new URL(res.headers.get('location') ?? '', emulator.issuer).pathname).toBe('/ui/login/login');
}

describe('dev-mode globs match URL parts', () => {
  it('http://localhost:*/** takes any port and path of localhost', async () => {
    await expectLogin(await get(authorizeUrl(emulator.issuer, { ...dev, redirect_uri: 'http://localhost:3000/callback' })));
    await expectLogin(await get(authorizeUrl(emulator.issuer, { ...dev, redirect_uri: 'http://localhost:5173/a/b?x=1' })));
  });

  it('a userinfo "port" that hides another host is refused, and no code goes anywhere', async () => {
    for (const uri of ['http://localhost:3000@evil.example/steal', 'http://localhost@evil.example/steal', 'http://user:pw@localhost:3000/cb']) {
      const res = await get(authorizeUrl(emulator.issuer, { ...dev, redirect_uri: uri }));
      expect(res.headers.get('location')).toBeNull();
      await expectOAuthError(res, 400, 'invalid_request', USERINFO);
    }
    for (const uri of ['http://localhost.evil.example:3000/x', 'https://localhost:3000/x', 'http://evil.example/localhost:1/']) {
      await expectOAuthError(await get(authorizeUrl(emulator.issuer, { ...dev, redirect_uri: uri })), 400, 'invalid_request', NOT_REGISTERED);
    }
  });

  it('matchesGlob compares scheme, host, port and path of the parsed URI', () => {
    expect(matchesGlob('http://localhost:*/**', 'http://localhost:3000@evil.example/steal')).toBe(false);
    expect(matchesGlob('http://localhost:*/**', 'http://localhost:3000/steal')).toBe(true);
    expect(matchesGlob('http://*.localhost:3000/cb', 'http://app.localhost:3000/cb')).toBe(true);
    expect(matchesGlob('http://*.localhost:3000/cb', 'http://app.localhost:3001/cb')).toBe(false);
    expect(matchesGlob('http://[::1]:*/cb', 'http://[::1]:4000/cb')).toBe(true);
    expect(matchesGlob('http://localhost:3000/*', 'http://localhost:3000/a/b')).toBe(false);
  });

  it('end_session does not forward to a userinfo URI', async () => {
    const res = await get(withQuery(`${emulator.issuer}/oidc/v1/end_session`, { client_id: APPS.spaDev.clientId, post_logout_redirect_uri: 'http://localhost:3000@evil.example/x' }));
    expect(res.headers.get('location')).toBeNull();
    await expectOAuthError(res, 400, 'invalid_request', 'post_logout_redirect_uri invalid');
    const ok = await get(withQuery(`${emulator.issuer}/oidc/v1/end_session`, { client_id: APPS.spaDev.clientId, post_logout_redirect_uri: 'http://localhost:3000/bye' }));
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('http://localhost:3000/bye');
  });
});

describe('script schemes', () => {
  it('javascript: and data: are refused even when registered for a native app', async () => {
    const native = { client_id: APPS.native.clientId, response_type: 'code', scope: 'openid' };
    for (const uri of ['javascript:alert(1)//', 'data:text/html,hi']) {
      const res = await get(authorizeUrl(emulator.issuer, { ...native, redirect_uri: uri }));
      expect(res.headers.get('location')).toBeNull();
      await expectOAuthError(res, 400, 'invalid_request', SCRIPT);
    }
  });
});

describe('redirect_uri is decoded once', () => {
  it('an encoded slash stays encoded: not registered (400), never a 500 after a code', async () => {
    const web = { client_id: APPS.web.clientId, response_type: 'code', scope: 'openid' };
    const res = await get(authorizeUrl(emulator.issuer, { ...web, redirect_uri: 'http://localhost:3000%2Fcallback' }));
    await expectOAuthError(res, 400, 'invalid_request', NOT_REGISTERED);
  });
});
