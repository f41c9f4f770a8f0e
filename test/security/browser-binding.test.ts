// Issue 12 item 9: the login cookie and auth requests belong to one browser. A cookie value the
// server did not issue is ignored, a login always issues a fresh value (a planted or stolen
// pre-login value gets nothing), and an auth request's id — 256 random bits — is useless in
// another browser: its login pages and callback answer "not found".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { sessionCookieName } from '../../src/main/login/browser-sessions.js';
import { APPS, PASSWORD, authorizeUrl, get, locationOf, postForm, startErrorsEmulator } from '../helpers/http-login.js';

let emulator: Emulator;
let cookieName: string;
beforeAll(async () => {
  emulator = await startErrorsEmulator();
  cookieName = sessionCookieName(emulator.issuer);
});
afterAll(() => emulator.close());

const web = { client_id: APPS.web.clientId, redirect_uri: APPS.web.redirectUri, response_type: 'code', scope: 'openid' };

function setCookieValue(res: Response): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    if (pair.startsWith(`${cookieName}=`)) return pair.slice(cookieName.length + 1);
  }
  return undefined;
}

/** authorize → password → callback in one browser whose cookie starts as `value`; returns the cookie it ends with. */
async function logInAlice(value: string | undefined): Promise<{ cookie: string; callback: URL; code: string | null }> {
  let cookie = value;
  const jar = (): Record<string, string> => (cookie === undefined ? {} : { Cookie: `${cookieName}=${cookie}` });
  const started = await get(authorizeUrl(emulator.issuer, web), jar());
  cookie = setCookieValue(started) ?? cookie;
  const authRequestID = locationOf(started, emulator.issuer).searchParams.get('authRequestID') ?? '';
  const password = await postForm(`${emulator.issuer}/ui/login/password`, { authRequestID, loginName: 'alice', password: PASSWORD }, jar());
  cookie = setCookieValue(password) ?? cookie;
  const callback = locationOf(password, emulator.issuer);
  expect(callback.pathname).toBe('/oauth/v2/authorize/callback');
  const done = await get(callback.href, jar());
  return { cookie: cookie ?? '', callback, code: locationOf(done, emulator.issuer).searchParams.get('code') };
}

async function promptNone(value: string): Promise<URLSearchParams> {
  const res = await get(authorizeUrl(emulator.issuer, { ...web, prompt: 'none' }), { Cookie: `${cookieName}=${value}` });
  return locationOf(res, emulator.issuer).searchParams;
}

describe('session fixation', () => {
  it('a value planted before login is ignored: the login gets a fresh cookie and the planted one gets login_required', async () => {
    const planted = 'planted-by-another-page';
    const { cookie, code } = await logInAlice(planted);
    expect(code).toMatch(/.+/);
    expect(cookie).not.toBe(planted);
    expect((await promptNone(planted)).get('error')).toBe('login_required');
    expect((await promptNone(cookie)).get('code')).toMatch(/.+/);
  });

  it('a server-issued value stolen before login is replaced at login, so it never sees the session', async () => {
    // The attacker gets a real value from the emulator and plants it in the victim's browser.
    const issued = setCookieValue(await get(authorizeUrl(emulator.issuer, web)));
    if (!issued) throw new Error('authorize set no browser cookie');
    const { cookie, code } = await logInAlice(issued);
    expect(code).toMatch(/.+/);
    expect(cookie).not.toBe(issued);
    expect((await promptNone(issued)).get('error')).toBe('login_required');
  });
});

describe('auth requests are bound to their browser', () => {
  it('another browser that knows the callback id gets no code, neither does the right one a second time', async () => {
    const started = await get(authorizeUrl(emulator.issuer, web));
    const browser = setCookieValue(started) ?? '';
    const authRequestID = locationOf(started, emulator.issuer).searchParams.get('authRequestID') ?? '';
    expect(authRequestID).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
    // Another browser cannot even use the login pages of this request.
    const foreignPage = await get(`${emulator.issuer}/ui/login/login?authRequestID=${encodeURIComponent(authRequestID)}`);
    expect(foreignPage.status).toBe(400);
    expect(await foreignPage.text()).toContain('Login request not found');

    const password = await postForm(`${emulator.issuer}/ui/login/password`, { authRequestID, loginName: 'alice', password: PASSWORD }, { Cookie: `${cookieName}=${browser}` });
    const fresh = setCookieValue(password) ?? '';
    const callback = locationOf(password, emulator.issuer);
    const browsers: Record<string, string>[] = [{}, { Cookie: `${cookieName}=${browser}` }, { Cookie: `${cookieName}=other` }];
    for (const headers of browsers) {
      const replay = await get(callback.href, headers);
      expect(replay.status).toBe(400);
      expect(replay.headers.get('location')).toBeNull();
      expect(await replay.text()).toContain('Login request not found');
    }
    const done = await get(callback.href, { Cookie: `${cookieName}=${fresh}` });
    expect(done.status).toBe(302);
    expect(locationOf(done, emulator.issuer).searchParams.get('code')).toMatch(/.+/);
  });
});
