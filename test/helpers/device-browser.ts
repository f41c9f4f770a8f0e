// A browser without JavaScript for the device flow's user side (RFC 8628 §3.3, reference §4.7):
// follows /device to the code page, enters the user code, logs in with a password and presses
// Allow or Deny on the consent page. Keeps a cookie jar across requests and checks each hop.
import { expect } from 'vitest';

export class CookieJar {
  #cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.#cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  header(): Record<string, string> {
    const value = [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return value ? { Cookie: value } : {};
  }
}

export class DeviceBrowser {
  readonly jar = new CookieJar();

  constructor(readonly issuer: string) {}

  async get(url: string): Promise<Response> {
    const res = await fetch(new URL(url, this.issuer), { redirect: 'manual', headers: this.jar.header() });
    this.jar.store(res);
    return res;
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    const res = await fetch(new URL(url, this.issuer), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...this.jar.header() },
      body: new URLSearchParams(form),
    });
    this.jar.store(res);
    return res;
  }

  /** The redirect target of `res`, resolved against the issuer. */
  location(res: Response): URL {
    expect(res.status, `expected a redirect from ${res.url}`).toBe(302);
    return new URL(res.headers.get('location') ?? '', this.issuer);
  }

  /**
   * verification_uri → code page → POST user_code → login page → password → consent page.
   * Returns the auth request id the consent form carries.
   */
  async enterCodeAndLogin(verificationUri: string, userCode: string, user: { loginName: string; password: string }): Promise<string> {
    const codePage = this.location(await this.get(verificationUri));
    expect(codePage.pathname).toBe('/ui/login/device');
    const page = await this.get(codePage.href);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('user_code');

    const login = this.location(await this.post('/ui/login/device', { user_code: userCode }));
    expect(login.pathname).toBe('/ui/login/login');
    const authRequestID = login.searchParams.get('authRequestID') ?? '';
    expect(authRequestID).not.toBe('');
    const loginPage = await this.get(login.href);
    expect(loginPage.status).toBe(200);
    await loginPage.text();

    const consent = this.location(await this.post('/ui/login/password', { authRequestID, ...user }));
    expect(consent.pathname).toBe('/ui/login/device/consent');
    expect(consent.searchParams.get('authRequestID')).toBe(authRequestID);
    const consentPage = await this.get(consent.href);
    expect(consentPage.status).toBe(200);
    const html = await consentPage.text();
    expect(html).toContain('allowed');
    expect(html).toContain('denied');
    return authRequestID;
  }

  /** Presses Allow or Deny; returns the final page's HTML. */
  async decide(authRequestID: string, action: 'allowed' | 'denied'): Promise<string> {
    const res = await this.post('/ui/login/device/consent', { authRequestID, action });
    expect(res.status).toBe(200);
    return res.text();
  }

  /** The whole user side in one call. */
  async approve(
    verificationUri: string,
    userCode: string,
    user: { loginName: string; password: string },
    action: 'allowed' | 'denied' = 'allowed',
  ): Promise<string> {
    return this.decide(await this.enterCodeAndLogin(verificationUri, userCode, user), action);
  }
}
