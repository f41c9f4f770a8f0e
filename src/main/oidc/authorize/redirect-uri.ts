// Redirect-URI rules of zitadel/oidc (reference §1.2): exact match; in dev mode the
// registered URIs are also doublestar globs and http is fine for any app; web apps may use
// http only for the code flow; native apps may use custom schemes and loopback URIs match
// whatever the port (RFC 8252 §7.3); user-agent apps need https or dev mode.
import type { OidcAppConfig } from '../../store/schema.js';
import { invalidRequest, ZITADEL_ADMIN_HINT as ADMIN_HINT, type OAuthError } from '../errors.js';
import type { ResponseType } from '../state/state-types.js';

const NOT_REGISTERED = `The requested redirect_uri is missing in the client configuration. ${ADMIN_HINT}`;
const HTTP_NOT_ALLOWED = `This client's redirect_uri is http and is not allowed. ${ADMIN_HINT}`;
const CUSTOM_SCHEME_NOT_ALLOWED = `This client's redirect_uri is using a custom schema and is not allowed. ${ADMIN_HINT}`;

/** doublestar semantics: `**` spans path segments, `*` stays within one, `?` is one character. */
export function matchesGlob(glob: string, value: string): boolean {
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
  return new RegExp(`^${pattern}$`).test(value);
}

function isRegistered(config: OidcAppConfig, uris: readonly string[], uri: string): boolean {
  return uris.includes(uri) || (config.devMode && uris.some((glob) => matchesGlob(glob, uri)));
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
