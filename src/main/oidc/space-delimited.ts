// Space-delimited request parameters (RFC 6749 §3.3 scope, OpenID Connect prompt, RFC 8693
// audience), and ZITADEL's answer to a request that names no scope (reference §1.2, §4.4).
import { invalidRequest, ZITADEL_ADMIN_HINT } from './errors.js';

export function splitSpaceDelimited(value: string | undefined): string[] {
  return value ? value.split(' ').filter((v) => v !== '') : [];
}

/** The requested scopes; none at all is an invalid_request with zitadel/oidc's message. */
export function requireScopes(value: string | undefined): string[] {
  const scopes = splitSpaceDelimited(value);
  if (scopes.length === 0) {
    throw invalidRequest(`The scope of your request is missing. Please ensure some scopes are requested. ${ZITADEL_ADMIN_HINT}`);
  }
  return scopes;
}
