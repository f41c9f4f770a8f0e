// CORS for the OIDC endpoints, as zitadel/oidc sends it (reference §1): any origin, with
// credentials, so browser apps on any localhost port can call token, userinfo and discovery.
import type { Context, Next } from 'koa';

const ALLOWED_HEADERS = 'Origin, Accept, Accept-Language, Authorization, Content-Type, X-Requested-With';

export async function oidcCors(ctx: Context, next: Next): Promise<void> {
  const origin = ctx.get('Origin');
  if (!origin) return next();
  ctx.vary('Origin');
  ctx.set('Access-Control-Allow-Origin', origin);
  ctx.set('Access-Control-Allow-Credentials', 'true');
  ctx.set('Access-Control-Expose-Headers', 'Location, Content-Length');
  if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method')) {
    ctx.set('Access-Control-Allow-Methods', 'GET, HEAD, POST');
    ctx.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    ctx.status = 204;
    return;
  }
  return next();
}
