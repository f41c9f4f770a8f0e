// Which browser origins may call the API with an app's tokens (reference §2.1). ZITADEL derives an
// OIDC app's allow list from its redirect URIs (scheme, host and port of each); a token of a
// browser app sent with any other `Origin` is refused. The emulator checks web and user-agent
// apps only: native apps and service users have no browser origin to compare.
import type { App } from '../store/schema.js';

/** `https://app.example.com/cb` → `https://app.example.com`; dev-mode globs keep their `*`. */
function originPartOf(redirectUri: string): string | undefined {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]+)/i.exec(redirectUri);
  const origin = match?.[1];
  return origin !== undefined && /^https?:/i.test(origin) ? origin.toLowerCase() : undefined;
}

function matches(pattern: string, origin: string): boolean {
  if (!pattern.includes('*')) return pattern === origin;
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]*')}$`).test(origin);
}

/** True when `app` is not a browser app or `origin` is one its redirect URIs allow. */
export function isOriginAllowed(app: App, origin: string): boolean {
  if (!app.oidc || app.oidc.appType === 'native') return true;
  const wanted = origin.toLowerCase();
  return app.oidc.redirectUris.some((uri) => {
    const allowed = originPartOf(uri);
    return allowed !== undefined && matches(allowed, wanted);
  });
}
