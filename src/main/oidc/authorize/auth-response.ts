// Delivers an authorization response or error to the client's redirect_uri (RFC 6749 §4.1.2,
// §4.2.2; OAuth 2.0 Multiple Response Types §5; Form Post Response Mode §2). Errors always go
// by query or fragment, never form_post, as zitadel/oidc does (reference §1.2).
import type { Context } from 'koa';
import { FORM_POST_CSP, renderFormPostPage } from '../../login/pages/form-post-page.js';
import { errorBody, type OAuthError } from '../errors.js';
import type { AuthRequest } from '../state/state-types.js';

type Target = Pick<AuthRequest, 'redirectUri' | 'responseType' | 'responseMode' | 'state'>;

function redirectUrl(redirectUri: string, useFragment: boolean, fields: Record<string, string>): string {
  const encoded = new URLSearchParams(fields).toString();
  if (useFragment) return `${redirectUri.split('#')[0]}#${encoded}`;
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(fields)) url.searchParams.append(key, value);
  return url.href;
}

export function sendAuthResponse(ctx: Context, target: Target, fields: Record<string, string>): void {
  ctx.set('Cache-Control', 'no-store');
  if (target.responseMode === 'form_post') {
    ctx.set('Content-Security-Policy', FORM_POST_CSP);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = renderFormPostPage({ action: target.redirectUri, fields });
    return;
  }
  ctx.redirect(redirectUrl(target.redirectUri, target.responseMode === 'fragment', fields));
}

export function sendAuthError(ctx: Context, target: Target, err: OAuthError): void {
  ctx.state.oauthError = err;
  sendAuthErrorBody(ctx, target, errorBody(err));
}

/** The error redirect for an error body (also used for errors a test-bridge fault injects). */
export function sendAuthErrorBody(ctx: Context, target: Target, body: { error: string; error_description?: string }): void {
  const fields: Record<string, string> = { error: body.error };
  if (body.error_description !== undefined) fields.error_description = body.error_description;
  if (target.state !== undefined) fields.state = target.state;
  const useFragment = target.responseMode === 'fragment' || (target.responseMode === 'form_post' && target.responseType !== 'code');
  ctx.set('Cache-Control', 'no-store');
  ctx.redirect(redirectUrl(target.redirectUri, useFragment, fields));
}
