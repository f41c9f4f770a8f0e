// Who may use the admin API (DESIGN §7): a loopback Host header (DNS-rebinding defence), no
// foreign Origin (no CORS at all), and the admin token, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import { ADMIN_PATHS } from '../../common/admin-api.js';
import { hostOfHeader } from '../domains/domain-spec.js';
import { forbidden, unauthorized } from './admin-errors.js';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The host name of a Host header, without its port; '' when the header is no host (issue 12). */
export const hostNameOf = hostOfHeader;

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Constant time whatever the lengths: both sides are hashed first. */
export function isSameToken(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function tokenOf(ctx: Context): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('Authorization'));
  if (match?.[1]) return match[1];
  // EventSource cannot send headers: the event stream alone takes the token in the query.
  if (ctx.path === ADMIN_PATHS.events && typeof ctx.query.token === 'string') return ctx.query.token;
  return undefined;
}

export function createAdminGuard(options: { issuer: string; adminToken: string }) {
  const issuerUrl = new URL(options.issuer);
  const allowedHosts = new Set([...LOOPBACK_NAMES, issuerUrl.hostname.toLowerCase()]);
  return async function adminGuard(ctx: Context, next: Next): Promise<void> {
    const host = ctx.get('Host');
    if (!host || !allowedHosts.has(hostNameOf(host))) {
      throw forbidden(`the admin API answers only to ${[...allowedHosts].join(', ')}; Host was "${host}"`);
    }
    const origin = ctx.get('Origin');
    // Same-origin pages only: the issuer's origin, or the origin the (loopback) Host names.
    if (origin && origin !== issuerUrl.origin && origin !== `${ctx.protocol}://${host.toLowerCase()}`) {
      throw forbidden(`cross-origin requests are refused (Origin ${origin})`);
    }
    const token = tokenOf(ctx);
    if (token === undefined) throw unauthorized('the admin token is missing: send Authorization: Bearer <token>');
    if (!isSameToken(token, options.adminToken)) throw unauthorized('the admin token is wrong');
    await next();
  };
}
