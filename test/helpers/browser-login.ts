// A tiny cookie-jar "browser" on top of fetch for the flow tests: it follows redirects inside
// the emulator's origin, keeps Set-Cookie, reads the login pages' forms with simple regexes and
// submits them like a browser without JavaScript. A redirect that leaves the origin is where the
// emulator answers the client, so it is returned instead of followed.

export interface HtmlForm {
  method: string;
  /** Absolute URL the form posts to. */
  action: string;
  /** name → value of every <input> with a name. */
  fields: Record<string, string>;
  /** The form's inner HTML (for picking one of several similar forms). */
  html: string;
}

/** The flow left the emulator: a redirect to the client (query/fragment carry the response). */
export interface ClientRedirect {
  kind: 'redirect';
  status: number;
  location: URL;
  headers: Headers;
}

/** The flow stopped on a page of the emulator (login page, error page, form_post page…). */
export interface BrowserPage {
  kind: 'page';
  status: number;
  url: URL;
  headers: Headers;
  html: string;
}

export type BrowserOutcome = ClientRedirect | BrowserPage;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

export function decodeHtml(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

function readAttribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(attributes);
  return match?.[1] === undefined ? undefined : decodeHtml(match[1]);
}

/** Every <form> of a page, with its inputs' name= / value= attributes. */
export function parseForms(html: string, baseUrl: URL | string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attributes = match[1] ?? '';
    const inner = match[2] ?? '';
    const fields: Record<string, string> = {};
    for (const input of inner.matchAll(/<input\b([^>]*)>/gi)) {
      const name = readAttribute(input[1] ?? '', 'name');
      if (name !== undefined) fields[name] = readAttribute(input[1] ?? '', 'value') ?? '';
    }
    forms.push({
      method: (readAttribute(attributes, 'method') ?? 'get').toUpperCase(),
      action: new URL(readAttribute(attributes, 'action') ?? '', baseUrl).href,
      fields,
      html: inner,
    });
  }
  return forms;
}

/** The visible text of an HTML fragment, whitespace collapsed. */
export function textOf(html: string): string {
  return decodeHtml(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class TestBrowser {
  readonly origin: string;
  private readonly cookies = new Map<string, string>();

  constructor(issuer: string) {
    this.origin = new URL(issuer).origin;
  }

  /** The Cookie header this browser sends (empty when it has none). */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  cookieNames(): string[] {
    return [...this.cookies.keys()];
  }

  /** Forgets every cookie (a new private window). */
  clearCookies(): void {
    this.cookies.clear();
  }

  private storeCookies(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [key = '', val = ''] = a.split('=').map((s) => s.trim());
        if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
        if (key.toLowerCase() === 'expires') return Date.parse(val) <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** One request with this browser's cookies; never follows redirects. */
  async fetch(url: string | URL, init: { method?: string; body?: URLSearchParams; headers?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const headers: Record<string, string> = { ...init.headers };
    if (target.origin === this.origin && this.cookies.size > 0) headers.Cookie = this.cookieHeader();
    if (init.body) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(target, { method: init.method ?? 'GET', body: init.body, headers, redirect: 'manual' });
    if (target.origin === this.origin) this.storeCookies(res);
    return res;
  }

  /** Requests `url` and follows redirects while they stay in the emulator's origin. */
  async navigate(url: string | URL, init: { method?: string; body?: URLSearchParams } = {}): Promise<BrowserOutcome> {
    let current = new URL(url);
    let res = await this.fetch(current, init);
    for (let hops = 0; REDIRECTS.has(res.status); hops += 1) {
      if (hops > 20) throw new Error(`too many redirects at ${current.href}`);
      const location = res.headers.get('location');
      if (!location) throw new Error(`${res.status} without Location from ${current.href}`);
      const next = new URL(location, current);
      await res.body?.cancel();
      if (next.origin !== this.origin) return { kind: 'redirect', status: res.status, location: next, headers: res.headers };
      current = next;
      res = await this.fetch(current);
    }
    return { kind: 'page', status: res.status, url: current, headers: res.headers, html: await res.text() };
  }

  /** Submits a form like a browser: its fields, overridden by `values`. */
  submit(form: HtmlForm, values: Record<string, string> = {}): Promise<BrowserOutcome> {
    const body = new URLSearchParams({ ...form.fields, ...values });
    if (form.method === 'POST') return this.navigate(form.action, { method: 'POST', body });
    const url = new URL(form.action);
    for (const [k, v] of body) url.searchParams.set(k, v);
    return this.navigate(url);
  }

  /**
   * authorize → login name → password → callback → client. Returns the redirect to the client,
   * or the page the flow stopped on (an error, or no login form because SSO answered at once).
   */
  async loginWithPassword(authorizeUrl: string | URL, loginName: string, password: string): Promise<BrowserOutcome> {
    const start = await this.navigate(authorizeUrl);
    if (start.kind === 'redirect') return start;
    const loginForm = findFormWithField(start, 'loginName');
    if (!loginForm) return start;
    const passwordPage = await this.submit(loginForm, { loginName });
    if (passwordPage.kind === 'redirect') return passwordPage;
    const passwordForm = findFormWithField(passwordPage, 'password');
    if (!passwordForm) return passwordPage;
    return this.submit(passwordForm, { password });
  }

  /** authorize → one click on `userName` in the user picker → callback → client. */
  async loginWithPicker(authorizeUrl: string | URL, userName: string): Promise<BrowserOutcome> {
    const start = await this.navigate(authorizeUrl);
    if (start.kind === 'redirect') return start;
    const row = findAccountForm(start, '/ui/login/picker', userName);
    return row ? this.submit(row) : start;
  }
}

function findFormWithField(page: BrowserPage, field: string): HtmlForm | undefined {
  return parseForms(page.html, page.url).find((f) => field in f.fields || new RegExp(`\\bname="${field}"`).test(f.html));
}

/** The one-click form (picker or select_account list) whose row shows `loginName`. */
export function findAccountForm(page: BrowserPage, actionPath: string, loginName: string): HtmlForm | undefined {
  return parseForms(page.html, page.url).find(
    (f) => new URL(f.action).pathname === actionPath && textOf(f.html).split(' ').includes(loginName),
  );
}

/** Login names listed in the account rows posting to `actionPath`. */
export function listAccounts(page: BrowserPage, actionPath: string): { userId: string; text: string }[] {
  return parseForms(page.html, page.url)
    .filter((f) => new URL(f.action).pathname === actionPath)
    .map((f) => ({ userId: f.fields.userId ?? '', text: textOf(f.html) }));
}

export function expectRedirect(outcome: BrowserOutcome): ClientRedirect {
  if (outcome.kind !== 'redirect') {
    throw new Error(`expected a redirect to the client, got a ${outcome.status} page at ${outcome.url.href}: ${textOf(outcome.html).slice(0, 300)}`);
  }
  return outcome;
}

export function expectPage(outcome: BrowserOutcome): BrowserPage {
  if (outcome.kind !== 'page') throw new Error(`expected a page, got a ${outcome.status} redirect to ${outcome.location.href}`);
  return outcome;
}
