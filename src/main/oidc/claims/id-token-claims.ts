// ID token payload (reference §3.1 column "ID token", §3.6 example; Z `token.go` `createIDToken`).
// No `nbf`, no `acr`; userinfo and role claims are gated by the app's assertion flags.
import type { Claims, ClaimsResult, IdTokenInput } from './claim-types.js';
import { addClientIdToAudience } from './audience.js';
import { createClaimCollector } from './claim-collector.js';
import { buildProfileClaims } from './profile-claims.js';
import { buildActClaim, buildReservedClaims } from './reserved-claims.js';
import { buildRoleClaims } from './role-claims.js';

export function buildIdTokenClaims(input: IdTokenInput): ClaimsResult<Claims> {
  const out = createClaimCollector();
  const { app, clientId } = input;
  out.add('iss', input.issuer, 'always');
  out.add('sub', input.user.id, 'always');
  out.add('aud', addClientIdToAudience(input.audience, clientId), 'always (session audience + own client id)');
  out.add('exp', input.expiresAt, 'always');
  out.add('iat', input.now, 'always');
  if (input.authTime !== undefined) out.add('auth_time', input.authTime, 'login time of the session');
  if (input.amr && input.amr.length > 0) out.add('amr', [...input.amr], 'authentication methods of the session');
  out.add('azp', clientId, 'always (= client_id)');
  out.add('client_id', clientId, 'always');
  if (input.nonce !== undefined) out.add('nonce', input.nonce, 'nonce sent in the authorization request');
  if (input.atHash !== undefined) out.add('at_hash', input.atHash, 'access token issued in the same response');
  if (input.sid !== undefined) out.add('sid', input.sid, 'login session');
  if (input.actor) out.add('act', buildActClaim(input.actor), 'impersonation (token exchange)');

  const profile = buildProfileClaims(input);
  if (app?.oidc?.idTokenUserinfoAssertion) out.merge(profile, `app "${app.name}": idTokenUserinfoAssertion`);
  else if (app) out.suppress(profile, `app "${app.name}" has idTokenUserinfoAssertion off`);
  else out.suppress(profile, 'service-user ID tokens never carry userinfo claims');

  const roles = buildRoleClaims({ ...input, ownProjectId: app?.projectId });
  // Service users have no app flags: roles follow role scope + aud scope (reference §4.4).
  if (!app) out.merge(roles, 'service user: role scope with aud scope');
  else if (app.oidc?.idTokenRoleAssertion) out.merge(roles, `app "${app.name}": idTokenRoleAssertion`);
  else out.suppress(roles, `app "${app.name}" has idTokenRoleAssertion off`);

  out.merge(buildReservedClaims(input));
  return out.finish();
}
