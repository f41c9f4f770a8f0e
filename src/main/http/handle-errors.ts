// Outermost middleware: whatever a route throws becomes `{error, error_description}` JSON
// with ZITADEL's status; a stack trace never reaches the client (reference §9).
import type { Context, Next } from 'koa';
import { errorBody, toOAuthError } from '../oidc/errors.js';
import type { Logger } from './logger.js';

export type { Logger };

export function handleErrors(log: Logger) {
  return async function errorMiddleware(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
    } catch (err) {
      const oauthError = toOAuthError(err);
      if (oauthError.status >= 500) log(`error on ${ctx.method} ${ctx.path}: ${oauthError.detail ?? oauthError.message}`);
      ctx.state.oauthError = oauthError;
      ctx.status = oauthError.status;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = errorBody(oauthError);
    }
  };
}
