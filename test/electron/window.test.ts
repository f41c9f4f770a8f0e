// The console window under plain Node, with the Electron double: hardened webPreferences, the
// window locked to the console origin, external links only to the system browser, and the CSP.
import { describe, expect, it } from 'vitest';
import {
  CONSOLE_CSP,
  createConsoleWindow,
  installContentSecurityPolicy,
  installPermissionPolicy,
  isExternalWebLink,
} from '../../src/main/electron/window.js';
import { createElectronDouble, SessionDouble, type WindowDouble } from './electron-double.js';

const ORIGIN = 'http://localhost:8080';
const CONSOLE_URL = `${ORIGIN}/ui/console/#token=secret`;

function openWindow(): { win: WindowDouble; externalUrls: string[] } {
  const electron = createElectronDouble();
  createConsoleWindow(electron.BrowserWindow, {
    consoleUrl: CONSOLE_URL,
    preloadPath: '/app/out/preload/index.mjs',
    openExternal: electron.shell.openExternal,
  });
  const win = electron.windows[0];
  if (!win) throw new Error('no window was created');
  return { win, externalUrls: electron.externalUrls };
}

describe('console window', () => {
  it('gets exactly the hardened webPreferences', () => {
    const { win } = openWindow();
    expect(win.options.webPreferences).toStrictEqual({
      preload: '/app/out/preload/index.mjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('does not load anything by itself: the caller loads the console once the emulator runs', () => {
    const { win } = openWindow();
    expect(win.loadedUrls).toEqual([]);
  });

  it('lets the window navigate within the console origin', () => {
    const { win, externalUrls } = openWindow();
    expect(win.webContents.navigate(`${ORIGIN}/ui/console/#/apps`).defaultPrevented).toBe(false);
    expect(win.webContents.navigate(`${ORIGIN}/ui/login/login?authRequest=1`).defaultPrevented).toBe(false);
    expect(win.webContents.navigate(`${ORIGIN}/ui/console/`, 'will-redirect').defaultPrevented).toBe(false);
    expect(externalUrls).toEqual([]);
  });

  it('refuses navigation to a foreign origin and hands web links to the system browser', () => {
    const { win, externalUrls } = openWindow();
    expect(win.webContents.navigate('https://example.com/docs').defaultPrevented).toBe(true);
    // Same host, other port or scheme: another origin.
    expect(win.webContents.navigate('http://localhost:3000/callback').defaultPrevented).toBe(true);
    expect(win.webContents.navigate('https://localhost:8080/ui/console/').defaultPrevented).toBe(true);
    expect(externalUrls).toEqual(['https://example.com/docs', 'http://localhost:3000/callback', 'https://localhost:8080/ui/console/']);
  });

  it('refuses navigation to non-web URLs without opening them anywhere', () => {
    const { win, externalUrls } = openWindow();
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<h1>x</h1>', 'vscode://open', 'not a url']) {
      expect(win.webContents.navigate(url).defaultPrevented, url).toBe(true);
    }
    expect(externalUrls).toEqual([]);
  });

  it('refuses redirects out of the console origin and does not open them', () => {
    const { win, externalUrls } = openWindow();
    expect(win.webContents.navigate('http://localhost:3000/callback?code=abc', 'will-redirect').defaultPrevented).toBe(true);
    expect(externalUrls).toEqual([]);
  });

  it('denies window.open of https://example.com and opens it in the system browser', () => {
    const { win, externalUrls } = openWindow();
    expect(win.webContents.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(externalUrls).toEqual(['https://example.com/']);
  });

  it('denies window.open of a "test login" URL on the console origin too, and opens it in the browser', () => {
    const { win, externalUrls } = openWindow();
    const login = `${ORIGIN}/oauth/v2/authorize?client_id=app&response_type=code`;
    expect(win.webContents.open(login)).toEqual({ action: 'deny' });
    expect(externalUrls).toEqual([login]);
  });

  it('denies window.open of javascript:, file: and custom schemes and opens none of them', () => {
    const { win, externalUrls } = openWindow();
    for (const url of ['javascript:alert(document.cookie)', 'JavaScript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'ms-settings:']) {
      expect(win.webContents.open(url), url).toEqual({ action: 'deny' });
    }
    expect(externalUrls).toEqual([]);
  });

  it('shows the window once its first paint is ready', () => {
    const { win } = openWindow();
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  it('refuses a console URL without an origin', () => {
    const electron = createElectronDouble();
    expect(() =>
      createConsoleWindow(electron.BrowserWindow, { consoleUrl: 'about:blank', preloadPath: '/p', openExternal: electron.shell.openExternal }),
    ).toThrow(/no origin/);
  });
});

describe('isExternalWebLink', () => {
  it('accepts http and https only', () => {
    expect(isExternalWebLink('https://example.com')).toBe(true);
    expect(isExternalWebLink('http://127.0.0.1:3000/cb')).toBe(true);
    expect(isExternalWebLink('javascript:void(0)')).toBe(false);
    expect(isExternalWebLink('mailto:a@example.com')).toBe(false);
    expect(isExternalWebLink('//example.com')).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('is the console policy', () => {
    expect(CONSOLE_CSP).toContain("default-src 'self'");
    expect(CONSOLE_CSP).toContain("connect-src 'self'");
    expect(CONSOLE_CSP).toContain("img-src 'self' data:");
    expect(CONSOLE_CSP).toContain("style-src 'self' 'unsafe-inline'");
  });

  it('is added to responses from the console origin', () => {
    const session = new SessionDouble();
    installContentSecurityPolicy(session, ORIGIN);
    const answer = session.receiveHeaders(`${ORIGIN}/ui/console/`, { 'Content-Type': ['text/html'] });
    expect(answer).toEqual({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONSOLE_CSP] } });
  });

  it('keeps a policy the server sent, so the browser enforces both', () => {
    const session = new SessionDouble();
    installContentSecurityPolicy(session, ORIGIN);
    const answer = session.receiveHeaders(`${ORIGIN}/ui/login/login`, { 'content-security-policy': ["default-src 'none'"] });
    expect(answer).toEqual({ responseHeaders: { 'content-security-policy': ["default-src 'none'", CONSOLE_CSP] } });
  });

  it('leaves responses from other origins untouched', () => {
    const session = new SessionDouble();
    installContentSecurityPolicy(session, ORIGIN);
    expect(session.receiveHeaders('https://example.com/', { 'Content-Type': ['text/html'] })).toEqual({});
  });
});

describe('permissions', () => {
  it('grants the console clipboard writes and nothing else, and nothing to other origins', () => {
    const session = new SessionDouble();
    installPermissionPolicy(session, ORIGIN);
    expect(session.requestPermission('clipboard-sanitized-write', `${ORIGIN}/ui/console/`)).toBe(true);
    expect(session.requestPermission('media', `${ORIGIN}/ui/console/`)).toBe(false);
    expect(session.requestPermission('geolocation', `${ORIGIN}/ui/console/`)).toBe(false);
    expect(session.requestPermission('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
  });
});
