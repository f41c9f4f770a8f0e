// Redirect-URI rules of zitadel/oidc (reference §1.2): exact match; in dev mode the
// registered URIs are also doublestar globs and http is fine for any app; web apps may use
// http only for the code flow; native apps may use custom schemes and loopback URIs match
// whatever the port (RFC 8252 §7.3); user-agent apps need https or dev mode.
// Stricter than zitadel/oidc (issue 12 item 8): globs match the parsed URL's parts, not the raw
// string (where `http://localhost:*/**` took `http://localhost:3000@evil.example/x`), userinfo is
// never accepted, and javascript:/data: URIs are refused for every app type.
import type { OidcAppConfig } from '../../store/schema.js';
import { invalidRequest, ZITADEL_ADMIN_HINT as ADMIN_HINT, type OAuthError } from '../errors.js';
import type { ResponseType } from '../state/state-types.js';

const NOT_REGISTERED = `The requested redirect_uri is missing in the client configuration. ${ADMIN_HINT}`;
const HTTP_NOT_ALLOWED = `This client's redirect_uri is http and is not allowed. ${ADMIN_HINT}`;
const CUSTOM_SCHEME_NOT_ALLOWED = `This client's redirect_uri is using a custom schema and is not allowed. ${ADMIN_HINT}`;
const USERINFO_NOT_ALLOWED = 'The requested redirect_uri must not contain user information (user:password@).';
const SCRIPT_SCHEME_NOT_ALLOWED = 'The requested redirect_uri uses a scheme that runs code in the browser (javascript:, data:, vbscript:).';
const SCRIPT_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:']);

/** doublestar semantics: `**` spans path segments, `*` stays within one, `?` is one character. */
function matchesSegmentGlob(glob: string, value: string): boolean {
  let pattern = '';
  for (let i = 0; i < glob.length; i += 1) {
    const ch = glob[i] as string;
    if (ch === '*' && glob[i + 1] === '*') {
      pattern += '.*';
      i += 1;
    } else if (ch === '*') pattern += '[^/]*';
    else if (ch === '?') pattern += '[^/]';
    else pattern += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`, 's').test(value);
}

/** scheme://host[:port]rest of a registered glob; a glob that is no such URL matches nothing. */
const GLOB_PARTS = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]*\]|[^/?#:@]*)(?::([^/?#@]*))?([/?#].*)?$/is;

/**
 * A dev-mode glob against a redirect URI, part by part of the parsed URI: scheme and host as
 * written, the port (`*` for any), then path, query and fragment with doublestar rules.
 */
export function matchesGlob(glob: string, value: string): boolean {
  const parts = GLOB_PARTS.exec(glob);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (!parts || url.username !== '' || url.password !== '') return false;
  const [, scheme = '', host = '', port, rest = ''] = parts;
  if (`${scheme.toLowerCase()}:` !== url.protocol) return false;
  if (!matchesSegmentGlob(host.toLowerCase(), url.hostname)) return false;
  if (!matchesSegmentGlob(port ?? '', url.port)) return false;
  return matchesSegmentGlob(rest === '' ? '/' : rest, `${url.pathname}${url.search}${url.hash}`);
}

function isRegistered(config: OidcAppConfig, uris: readonly string[], uri: string): boolean {
  return uris.includes(uri) || (config.devMode && uris.some((glob) => matchesGlob(glob, uri)));
}

/** Refusals whatever the registration: userinfo (a host in disguise) and script-running schemes. */
function checkUnsafeUri(uri: string): OAuthError | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined; // not a URL: it can only match a registration exactly, checked as before
  }
  if (SCRIPT_SCHEMES.has(url.protocol)) return invalidRequest(SCRIPT_SCHEME_NOT_ALLOWED);
  if (url.username !== '' || url.password !== '') return invalidRequest(USERINFO_NOT_ALLOWED);
  return undefined;
}

function loopbackUrl(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const loopback = host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
    return loopback ? url : undefined;
  } catch {
    return undefined;
  }
}

/** RFC 8252 §7.3: the port of a loopback redirect is chosen at run time, so compare without it. */
function matchesLoopbackIgnoringPort(uris: readonly string[], loopback: URL): boolean {
  return uris.some((registered) => {
    const other = loopbackUrl(registered);
    return other !== undefined && other.pathname === loopback.pathname && other.search === loopback.search;
  });
}

/** Whether `uri` is in `uris` by the matching rules alone (exact, dev-mode glob, native loopback). */
export function isRegisteredUri(config: OidcAppConfig, uris: readonly string[], uri: string): boolean {
  if (checkUnsafeUri(uri)) return false;
  if (isRegistered(config, uris, uri)) return true;
  const loopback = config.appType === 'native' ? loopbackUrl(uri) : undefined;
  return loopback !== undefined && matchesLoopbackIgnoringPort(uris, loopback);
}

function checkNative(config: OidcAppConfig, uris: readonly string[], uri: string): OAuthError | undefined {
  if (isRegistered(config, uris, uri)) {
    const isHttp = uri.startsWith('http://') || uri.startsWith('https://');
    if (config.devMode || loopbackUrl(uri) || !isHttp || uri.startsWith('https://')) return undefined;
    return invalidRequest(HTTP_NOT_ALLOWED);
  }
  return isRegisteredUri(config, uris, uri) ? undefined : invalidRequest(NOT_REGISTERED);
}

/**
 * Returns the error for a redirect URI the app may not use, or undefined when it may.
 * `uris` is the list to check against (redirectUris, or postLogoutRedirectUris at logout).
 */
export function checkRedirectUri(
  config: OidcAppConfig,
  uris: readonly string[],
  uri: string,
  responseType: ResponseType | undefined,
): OAuthError | undefined {
  const unsafe = checkUnsafeUri(uri);
  if (unsafe) return unsafe;
  if (config.appType === 'native') return checkNative(config, uris, uri);
  if (!isRegistered(config, uris, uri)) return invalidRequest(NOT_REGISTERED);
  if (uri.startsWith('https://')) return undefined;
  if (uri.startsWith('http://')) {
    // Web apps are the confidential type: plain http is tolerated for the code flow only.
    if (config.devMode || (responseType === 'code' && config.appType === 'web')) return undefined;
    return invalidRequest(HTTP_NOT_ALLOWED);
  }
  return invalidRequest(CUSTOM_SCHEME_NOT_ALLOWED);
}
