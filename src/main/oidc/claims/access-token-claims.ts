// JWT access token payload (reference §3.1 column "JWT access token", §3.6; Z `token.go`
// `createJWT`): never `scope`, `azp` or userinfo claims; roles only with accessTokenRoleAssertion.
import type { Claims, ClaimsResult, JwtAccessTokenInput } from './claim-types.js';
import { createClaimCollector } from './claim-collector.js';
import { buildProfileClaims } from './profile-claims.js';
import { buildActClaim, buildReservedClaims } from './reserved-claims.js';
import { buildRoleClaims } from './role-claims.js';

export function buildJwtAccessTokenClaims(input: JwtAccessTokenInput): ClaimsResult<Claims> {
  const out = createClaimCollector();
  const { app, clientId } = input;
  out.add('iss', input.issuer, 'always');
  out.add('sub', input.user.id, 'always');
  if (input.audience.length > 0) out.add('aud', [...new Set(input.audience)], 'always (session audience)');
  else out.add('aud', [clientId], 'always (session audience empty: [client_id])');
  out.add('exp', input.expiresAt, 'always');
  out.add('iat', input.now, 'always');
  out.add('nbf', input.now, 'always (= iat)');
  out.add('client_id', clientId, 'always');
  out.add('jti', input.jti, 'always');
  if (input.actor) out.add('act', buildActClaim(input.actor), 'impersonation (token exchange)');

  const roles = buildRoleClaims({ ...input, ownProjectId: app?.projectId });
  if (!app) out.merge(roles, 'service user: role scope with aud scope');
  else if (app.oidc?.accessTokenRoleAssertion) out.merge(roles, `app "${app.name}": accessTokenRoleAssertion`);
  else out.suppress(roles, `app "${app.name}" has accessTokenRoleAssertion off`);

  out.merge(buildReservedClaims(input));
  out.suppress(buildProfileClaims(input), 'JWT access tokens never carry userinfo claims');
  return out.finish();
}
