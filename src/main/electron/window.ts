// The console window (DESIGN §1, §7): a hardened browser on the console URL. It may show only the
// console origin; links elsewhere go to the system browser (http and https only), and every
// response from the console origin carries a Content-Security-Policy.
import type {
  HardenedWebPreferences,
  NavigationEvent,
  SessionApi,
  WindowApi,
  WindowConstructor,
  WindowOpenDetails,
} from './electron-api.js';

import { CONSOLE_CSP } from '../http/console-csp.js';

export { CONSOLE_CSP };

export function hardenedWebPreferences(preload: string): HardenedWebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
  };
}

/** The origin of a URL, or undefined when it is not a URL or has no origin (data:, javascript:). */
function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

export function isSameOrigin(url: string, origin: string): boolean {
  return originOf(url) === origin;
}

/** Only web links leave the app: never javascript:, file:, data: or custom protocol handlers. */
export function isExternalWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export interface ConsoleWindowOptions {
  /** The console URL with the admin token in its fragment. */
  consoleUrl: string;
  preloadPath: string;
  openExternal(url: string): Promise<void>;
  log?: (line: string) => void;
}

/**
 * Creates the window and locks it to the console origin. It does not load the console yet, so
 * the caller decides when (after the emulator is listening).
 */
export function createConsoleWindow(BrowserWindow: WindowConstructor, options: ConsoleWindowOptions): WindowApi {
  const origin = originOf(options.consoleUrl);
  if (!origin) throw new Error(`console URL ${options.consoleUrl} has no origin`);
  const log = options.log ?? ((line: string) => console.error(line));
  const openExternal = (url: string): void => {
    if (!isExternalWebLink(url)) return;
    options.openExternal(url).catch((err: unknown) => log(`could not open ${url}: ${err instanceof Error ? err.message : String(err)}`));
  };

  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'IdP Emulator',
    show: false,
    webPreferences: hardenedWebPreferences(options.preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  // A link the user follows out of the console opens in the system browser instead.
  win.webContents.on('will-navigate', (event: NavigationEvent) => {
    if (isSameOrigin(event.url, origin)) return;
    event.preventDefault();
    openExternal(event.url);
  });
  // A redirect out of the console origin (e.g. a login finishing at an app's redirect URI) is
  // refused, not handed to the browser: the code in it belongs to whoever started the login.
  win.webContents.on('will-redirect', (event: NavigationEvent) => {
    if (!isSameOrigin(event.url, origin)) event.preventDefault();
  });
  // No second windows: target=_blank links and window.open (e.g. "test login") go to the system browser.
  win.webContents.setWindowOpenHandler(({ url }: WindowOpenDetails) => {
    openExternal(url);
    return { action: 'deny' };
  });
  return win;
}

/** Adds CONSOLE_CSP to every response from the console origin; other responses pass untouched. */
export function installContentSecurityPolicy(session: SessionApi, origin: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isSameOrigin(details.url, origin)) return callback({});
    const responseHeaders = { ...details.responseHeaders };
    // A policy the server already sent stays: the browser enforces both (login pages are stricter).
    const name = Object.keys(responseHeaders).find((key) => key.toLowerCase() === 'content-security-policy');
    if (name) responseHeaders[name] = [...(responseHeaders[name] ?? []), CONSOLE_CSP];
    else responseHeaders['Content-Security-Policy'] = [CONSOLE_CSP];
    callback({ responseHeaders });
  });
}

/** Permissions the console may use; every other request (camera, geolocation, …) is refused. */
const CONSOLE_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function installPermissionPolicy(session: SessionApi, origin: string): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(CONSOLE_PERMISSIONS.has(permission) && isSameOrigin(details.requestingUrl, origin));
  });
}
