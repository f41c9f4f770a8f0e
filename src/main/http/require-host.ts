// RFC 9112 §3.2: a server MUST answer 400 to a request without a Host header. The emulator's
// Host checks and absolute URLs need one, so the answer is a clear JSON error (issue 12 item 13).
import type { Context, Next } from 'koa';
import { invalidRequest } from '../oidc/errors.js';

export async function requireHost(ctx: Context, next: Next): Promise<void> {
  if (!ctx.get('Host')) throw invalidRequest('the request has no Host header (RFC 9112 §3.2)');
  return next();
}
