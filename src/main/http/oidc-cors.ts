// CORS for the OIDC endpoints (DESIGN §7, issue 12 item 7). zitadel/oidc echoes any Origin with
// credentials on every OIDC path (reference §1); on localhost every port is the same site, so
// that would let any local dev server read a logged-in user's code. Here the endpoints SPAs call
// with tokens in headers or bodies echo the Origin WITHOUT credentials, and the browser-flow
// endpoints (authorize, its callback, end_session) send no CORS headers at all.
import type { Context, Next } from 'koa';

const ALLOWED_HEADERS = 'Origin, Accept, Accept-Language, Authorization, Content-Type, X-Requested-With';

/** The endpoints a browser app may call cross-origin: none of them reads the login cookie. */
export const CORS_PATHS: ReadonlySet<string> = new Set([
  '/.well-known/openid-configuration',
  '/oauth/v2/token',
  '/oauth/v2/introspect',
  '/oauth/v2/revoke',
  '/oauth/v2/keys',
  '/oauth/v2/device_authorization',
  '/oidc/v1/userinfo',
]);

export async function oidcCors(ctx: Context, next: Next): Promise<void> {
  const origin = ctx.get('Origin');
  if (!origin || !CORS_PATHS.has(ctx.path)) return next();
  ctx.vary('Origin');
  ctx.set('Access-Control-Allow-Origin', origin);
  ctx.set('Access-Control-Expose-Headers', 'Location, Content-Length');
  if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method')) {
    ctx.set('Access-Control-Allow-Methods', 'GET, HEAD, POST');
    ctx.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    ctx.status = 204;
    return;
  }
  return next();
}
