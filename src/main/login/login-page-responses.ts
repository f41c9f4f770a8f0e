// How login pages are sent: HTML with a strict CSP, never cached.
import type { Context } from 'koa';
import { renderErrorPage } from './pages/error-page.js';
import { LOGIN_PAGE_CSP } from './pages/layout.js';

export function sendHtml(ctx: Context, html: string, status = 200): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Content-Security-Policy', LOGIN_PAGE_CSP);
  ctx.set('X-Frame-Options', 'DENY');
  ctx.body = html;
}

/** The login link was used after its request expired, was finished, or never existed. */
export function renderAuthRequestGone(ctx: Context): void {
  sendHtml(
    ctx,
    renderErrorPage({
      title: 'Login request not found',
      message: 'This login request has expired or was already used. Start the login again from your application.',
    }),
    400,
  );
}
