// Login page renderers: escaping of every interpolated value, picker rows, error wiring,
// the form_post script hash and the absence of external resources.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDeviceCodePage } from '../../src/main/login/pages/device-code-page.js';
import { renderDeviceConsentPage } from '../../src/main/login/pages/device-consent-page.js';
import { renderDeviceDonePage } from '../../src/main/login/pages/device-done-page.js';
import { renderErrorPage } from '../../src/main/login/pages/error-page.js';
import { escapeHtml } from '../../src/main/login/pages/escape-html.js';
import { FORM_POST_CSP, renderFormPostPage } from '../../src/main/login/pages/form-post-page.js';
import { computeInitials, LOGIN_PAGE_CSP, toSafeHref } from '../../src/main/login/pages/layout.js';
import { renderLoggedOutPage } from '../../src/main/login/pages/logged-out-page.js';
import { renderLoginNamePage } from '../../src/main/login/pages/login-name-page.js';
import { renderPasswordPage } from '../../src/main/login/pages/password-page.js';

const PAYLOAD = `<script>alert(1)</script>"onmouseover="x'&`;
/** A distinct hostile value per field, so each field's escaping is checked on its own. */
const hostile = (field: string): string => `${PAYLOAD}${field}`;

function expectEscaped(html: string, fields: string[]): void {
  expect(html).not.toContain('<script>alert(1)</script>');
  expect(html).not.toContain('"onmouseover="x');
  for (const field of fields) {
    expect(html).not.toContain(hostile(field));
    expect(html, `field ${field}`).toContain(escapeHtml(hostile(field)));
  }
}

interface ParsedForm {
  action: string;
  hidden: Record<string, string>;
}

const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

function parseForms(html: string): ParsedForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map(([, open = '', inner = '']) => {
    const hidden: Record<string, string> = {};
    for (const [input] of inner.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
      hidden[attr(input, 'name') ?? ''] = attr(input, 'value') ?? '';
    }
    return { action: attr(open, 'action') ?? '', hidden };
  });
}

const users = [
  { userId: 'u-1', displayName: 'Alice Adams', loginName: 'alice@acme.localhost' },
  { userId: 'u-2', displayName: '', loginName: 'bob.builder@acme.localhost' },
];

const FORM_POST_ACTION = 'https://app.example.test/callback';

/** Benign view models: the pages users see, also written to test-results for a look. */
const pages: Record<string, string> = {
  'login-name': renderLoginNamePage({
    action: '/ui/login/loginname',
    hidden: { authRequestID: 'V2_1' },
    orgName: 'Acme',
    appName: 'Web shop',
    picker: { action: '/ui/login/pick', hidden: { authRequestID: 'V2_1' }, users },
  }),
  'login-name-error': renderLoginNamePage({
    action: '/ui/login/loginname',
    hidden: { authRequestID: 'V2_1' },
    orgName: 'Acme',
    appName: 'Web shop',
    loginName: 'carol',
    error: 'User could not be found',
    picker: { action: '/ui/login/pick', hidden: {}, users: [] },
  }),
  'select-account': renderLoginNamePage({
    action: '/ui/login/loginname',
    hidden: { authRequestID: 'V2_1' },
    orgName: 'Acme',
    appName: 'Web shop',
    sessions: { action: '/ui/login/select', hidden: { authRequestID: 'V2_1' }, users },
  }),
  password: renderPasswordPage({
    action: '/ui/login/password',
    hidden: { authRequestID: 'V2_1' },
    orgName: 'Acme',
    loginName: 'alice@acme.localhost',
    displayName: 'Alice Adams',
    error: 'Password is invalid',
    backHref: '/ui/login/loginname?authRequestID=V2_1',
  }),
  'device-code': renderDeviceCodePage({ action: '/ui/login/device', error: 'Code is invalid or expired' }),
  'device-consent': renderDeviceConsentPage({
    action: '/ui/login/device/decide',
    hidden: { userCode: 'BCDF-GHJK' },
    appName: 'TV app',
    userDisplayName: 'Alice Adams',
    scopes: ['openid', 'profile', 'offline_access'],
  }),
  'device-done': renderDeviceDonePage({ allowed: true }),
  'device-denied': renderDeviceDonePage({ allowed: false }),
  'logged-out': renderLoggedOutPage({ backHref: '/ui/login/loginname' }),
  'form-post': renderFormPostPage({ action: FORM_POST_ACTION, fields: { code: 'abc', state: 'xyz' } }),
  error: renderErrorPage({ title: 'Auth request expired', message: 'Start the login again from the application.' }),
};

const outDir = join(import.meta.dirname, '../../test-results/login-pages');
mkdirSync(outDir, { recursive: true });
for (const [name, html] of Object.entries(pages)) writeFileSync(join(outDir, `${name}.html`), html);

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(PAYLOAD)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover=&quot;x&#39;&amp;');
  });
});

describe('escaping in every renderer', () => {
  it('login name page, including hidden fields and picker / session rows', () => {
    const list = (prefix: string) => ({
      action: hostile(`${prefix}.action`),
      hidden: { [hostile(`${prefix}.hiddenName`)]: hostile(`${prefix}.hiddenValue`) },
      users: [{ userId: hostile(`${prefix}.userId`), displayName: hostile(`${prefix}.displayName`), loginName: hostile(`${prefix}.loginName`) }],
    });
    const html = renderLoginNamePage({
      action: hostile('action'),
      hidden: { [hostile('hiddenName')]: hostile('hiddenValue') },
      orgName: hostile('orgName'),
      appName: hostile('appName'),
      loginName: hostile('loginName'),
      error: hostile('error'),
      picker: list('picker'),
      sessions: list('sessions'),
    });
    const rowFields = ['action', 'hiddenName', 'hiddenValue', 'userId', 'displayName', 'loginName'];
    expectEscaped(html, [
      'action', 'hiddenName', 'hiddenValue', 'orgName', 'appName', 'loginName', 'error',
      ...rowFields.map((f) => `picker.${f}`), ...rowFields.map((f) => `sessions.${f}`),
    ]);
    expect(html).toContain('<span class="avatar" aria-hidden="true">&lt;D</span>');
  });

  it('password page', () => {
    const html = renderPasswordPage({
      action: hostile('action'),
      hidden: { [hostile('hiddenName')]: hostile('hiddenValue') },
      orgName: hostile('orgName'),
      loginName: hostile('loginName'),
      displayName: hostile('displayName'),
      error: hostile('error'),
      backHref: hostile('backHref'),
    });
    expectEscaped(html, ['action', 'hiddenName', 'hiddenValue', 'orgName', 'loginName', 'displayName', 'error', 'backHref']);
  });

  it('device pages, logged-out, error and form_post pages', () => {
    expectEscaped(renderDeviceCodePage({ action: hostile('action'), userCode: hostile('userCode'), error: hostile('error') }), [
      'action', 'userCode', 'error',
    ]);
    expectEscaped(
      renderDeviceConsentPage({
        action: hostile('action'),
        hidden: { [hostile('hiddenName')]: hostile('hiddenValue') },
        appName: hostile('appName'),
        userDisplayName: hostile('userDisplayName'),
        scopes: [hostile('scope1'), hostile('scope2')],
      }),
      ['action', 'hiddenName', 'hiddenValue', 'appName', 'userDisplayName', 'scope1', 'scope2'],
    );
    expectEscaped(renderLoggedOutPage({ backHref: hostile('backHref') }), ['backHref']);
    expectEscaped(renderErrorPage({ title: hostile('title'), message: hostile('message') }), ['title', 'message']);
    expectEscaped(
      renderFormPostPage({ action: hostile('action'), fields: { [hostile('fieldName')]: hostile('fieldValue') } }),
      ['action', 'fieldName', 'fieldValue'],
    );
  });

  it('never links to a script-capable URL', () => {
    expect(toSafeHref('java\tscript:alert(1)')).toBe('#');
    expect(toSafeHref(' JavaScript:alert(1)')).toBe('#');
    expect(toSafeHref('https://app.example.test/after-logout')).toBe('https://app.example.test/after-logout');
    expect(renderLoggedOutPage({ backHref: 'javascript:alert(1)' })).not.toContain('javascript:');
  });
});

describe('login name page', () => {
  it('renders one form per picker row, each posting its own userId with the picker hidden fields', () => {
    const forms = parseForms(pages['login-name'] ?? '');
    expect(forms).toEqual([
      { action: '/ui/login/pick', hidden: { authRequestID: 'V2_1', userId: 'u-1' } },
      { action: '/ui/login/pick', hidden: { authRequestID: 'V2_1', userId: 'u-2' } },
      { action: '/ui/login/loginname', hidden: { authRequestID: 'V2_1' } },
    ]);
    const html = pages['login-name'] ?? '';
    expect(html).toContain('Log in as');
    expect(html).toContain('alice@acme.localhost');
    expect(html).toContain('<span class="avatar" aria-hidden="true">AA</span>');
    expect(html).toContain('<span class="avatar" aria-hidden="true">BB</span>');
    expect(html).toMatch(/<input id="loginName" name="loginName" type="text" autocomplete="username"[^>]* autofocus>/);
  });

  it('renders "Choose an account" rows for prompt=select_account', () => {
    const html = pages['select-account'] ?? '';
    expect(html).toContain('Choose an account');
    expect(parseForms(html).filter((f) => f.action === '/ui/login/select').map((f) => f.hidden.userId)).toEqual(['u-1', 'u-2']);
  });

  it('prefills the login name, shows the error under it and says when the picker is empty', () => {
    const html = pages['login-name-error'] ?? '';
    const input = /<input id="loginName"[^>]*>/.exec(html)?.[0] ?? '';
    expect(attr(input, 'value')).toBe('carol');
    expect(attr(input, 'aria-invalid')).toBe('true');
    const describedBy = attr(input, 'aria-describedby');
    expect(describedBy).toBe('loginName-error');
    expect(html).toContain(`<p class="error" id="${describedBy}" role="alert">User could not be found</p>`);
    expect(html).toContain('No active users in this organization.');
  });

  it('computes initials from the display name, falling back to the login name', () => {
    expect(computeInitials('Alice Adams', 'x')).toBe('AA');
    expect(computeInitials('  élodie ', 'x')).toBe('É');
    expect(computeInitials('', 'john.doe@acme.localhost')).toBe('JD');
    expect(computeInitials('', '')).toBe('?');
  });
});

describe('password page', () => {
  it('posts the login name with the password and wires the error', () => {
    const html = pages.password ?? '';
    expect(parseForms(html)).toEqual([
      { action: '/ui/login/password', hidden: { authRequestID: 'V2_1', loginName: 'alice@acme.localhost' } },
    ]);
    expect(html).toMatch(/<input id="password" name="password" type="password" autocomplete="current-password" autofocus aria-invalid="true" aria-describedby="password-error">/);
    expect(html).toContain('<p class="error" id="password-error" role="alert">Password is invalid</p>');
    expect(html).toContain('href="/ui/login/loginname?authRequestID=V2_1"');
  });
});

describe('device pages', () => {
  it('consent page has Allow and Deny submitting name="action"', () => {
    const html = pages['device-consent'] ?? '';
    expect(html).toContain('<button type="submit" name="action" value="allowed" class="primary">Allow</button>');
    expect(html).toContain('<button type="submit" name="action" value="denied">Deny</button>');
    expect(html).toContain('<code>offline_access</code>');
  });

  it('code page has the code box', () => {
    expect(pages['device-code']).toMatch(/<input id="user_code" name="user_code" type="text" placeholder="BCDF-GHJK" autocapitalize="characters" autocomplete="off"/);
  });
});

describe('form_post page', () => {
  const html = pages['form-post'] ?? '';

  it('allows exactly the inline script it contains', () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0] ?? '').digest('base64');
    expect(FORM_POST_CSP).toContain(`script-src 'sha256-${hash}'`);
  });

  it('posts every field to the redirect_uri and works without JavaScript', () => {
    expect(parseForms(html)).toEqual([{ action: FORM_POST_ACTION, hidden: { code: 'abc', state: 'xyz' } }]);
    expect(html).toContain('<form method="post"');
    expect(html).toMatch(/<noscript>[\s\S]*<button type="submit"[^>]*>Continue<\/button>[\s\S]*<\/noscript>/);
  });
});

describe('every page', () => {
  it.each(Object.entries(pages))('%s is a complete, self-contained document', (name, html) => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).toContain('<meta name="viewport"');
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    const rest = name === 'form-post' ? html.replaceAll(FORM_POST_ACTION, '') : html;
    expect(rest).not.toMatch(/https?:\/\//);
    expect(rest).not.toMatch(/<link\b|\ssrc=|url\(|@import/i);
    if (name !== 'form-post') expect(html).not.toContain('<script');
  });

  it('CSPs forbid everything external and leave form-action alone', () => {
    expect(LOGIN_PAGE_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'");
    expect(FORM_POST_CSP).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]{43}='; /);
    expect(`${LOGIN_PAGE_CSP} ${FORM_POST_CSP}`).not.toContain('form-action');
  });
});
