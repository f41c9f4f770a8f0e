// The one error type of the provider (RFC 6749 §5.2, §4.1.2.1; RFC 8628 §3.5; RFC 8693 §2.2.2)
// and the one function that turns anything thrown into a response body.

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'invalid_target'
  | 'access_denied'
  | 'login_required'
  | 'interaction_required'
  | 'request_not_supported'
  | 'request_uri_not_supported'
  | 'authorization_pending'
  | 'slow_down'
  | 'expired_token'
  | 'server_error'
  | 'not_found'
  | 'method_not_allowed';

/** The sentence zitadel/oidc ends its authorize error descriptions with. */
export const ZITADEL_ADMIN_HINT = 'If you have any questions, you may contact the administrator of the application.';

export interface OAuthErrorOptions {
  /** Private reason: logged and shown in the console, never sent to the client. */
  detail?: string;
  /** HTTP status; ZITADEL answers 400 for every code but server_error (reference §9). */
  status?: number;
  /** Whether the authorize endpoint may send this error to the client's redirect_uri. */
  redirectable?: boolean;
}

export class OAuthError extends Error {
  readonly error: OAuthErrorCode;
  readonly description: string | undefined;
  readonly detail: string | undefined;
  readonly status: number;
  readonly redirectable: boolean;

  constructor(error: OAuthErrorCode, description?: string, options: OAuthErrorOptions = {}) {
    super(description ? `${error}: ${description}` : error);
    this.name = 'OAuthError';
    this.error = error;
    this.description = description;
    this.detail = options.detail;
    this.status = options.status ?? (error === 'server_error' ? 500 : 400);
    this.redirectable = options.redirectable ?? false;
  }
}

type Factory = (description?: string, options?: OAuthErrorOptions) => OAuthError;
const factory =
  (code: OAuthErrorCode): Factory =>
  (description, options) =>
    new OAuthError(code, description, options);

export const invalidRequest = factory('invalid_request');
export const invalidClient = factory('invalid_client');
export const invalidGrant = factory('invalid_grant');
export const unauthorizedClient = factory('unauthorized_client');
export const unsupportedGrantType = factory('unsupported_grant_type');
export const invalidScope = factory('invalid_scope');
export const invalidTarget = factory('invalid_target');
export const accessDenied = factory('access_denied');
export const loginRequired = factory('login_required');
export const interactionRequired = factory('interaction_required');
export const requestNotSupported = factory('request_not_supported');
export const authorizationPending = factory('authorization_pending');
export const expiredToken = factory('expired_token');
export const serverError = factory('server_error');

export interface OAuthErrorBody {
  error: OAuthErrorCode;
  error_description?: string;
}

/**
 * Turns any thrown value into the wire error. Only OAuthErrors keep their code and
 * description; everything else becomes a server_error that reveals no internals.
 */
export function toOAuthError(err: unknown): OAuthError {
  if (err instanceof OAuthError) return err;
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return serverError('internal error', { detail });
}

export function errorBody(err: OAuthError): OAuthErrorBody {
  return err.description === undefined
    ? { error: err.error }
    : { error: err.error, error_description: err.description };
}
