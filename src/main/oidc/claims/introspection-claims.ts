// Active introspection response (reference §5; Z `introspect.go`, L `IntrospectionResponse`
// + `SetUserInfo`): token metadata, userinfo claims by scope, roles of the caller's project.
import type { Claims, ClaimsResult, IntrospectionInput } from './claim-types.js';
import { createClaimCollector } from './claim-collector.js';
import { buildProfileClaims } from './profile-claims.js';
import { buildActClaim, buildReservedClaims } from './reserved-claims.js';
import { buildRoleClaims } from './role-claims.js';

export function buildIntrospectionClaims(input: IntrospectionInput): ClaimsResult<Claims> {
  const out = createClaimCollector();
  out.add('active', true, 'always (active token)');
  out.add('scope', input.scopes.join(' '), 'always (granted scopes)');
  out.add('client_id', input.clientId, 'always (client the token was issued to)');
  out.add('token_type', 'Bearer', 'always');
  out.add('exp', input.expiresAt, 'always');
  out.add('iat', input.issuedAt, 'always');
  if (input.authTime !== undefined) out.add('auth_time', input.authTime, 'login time of the session');
  out.add('nbf', input.issuedAt, 'always (= iat)');
  out.add('sub', input.user.id, 'always');
  out.add('aud', [...input.audience], 'always (token audience)');
  if (input.amr && input.amr.length > 0) out.add('amr', [...input.amr], 'authentication methods of the session');
  out.add('iss', input.issuer, 'always');
  out.add('jti', input.jti, 'always');
  if (input.actor) out.add('act', buildActClaim(input.actor), 'impersonation (token exchange)');

  // Introspection always asserts userinfo (L `SetUserInfo`); `username` mirrors preferred_username.
  const profile = buildProfileClaims(input);
  const preferred = profile.claims['preferred_username'];
  if (typeof preferred === 'string') out.add('username', preferred, 'scope "profile" (= preferred_username)');
  out.merge(profile);
  out.merge(buildReservedClaims(input));
  out.merge(
    buildRoleClaims({ ...input, ownProjectId: input.callerProjectId, currentProjectOnly: true, ownClaimFirst: true }),
  );
  return out.finish();
}
