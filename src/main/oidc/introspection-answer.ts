// What /oauth/v2/introspect answers one caller about one live token (reference §5): inactive
// unless the caller's client id or project is in the token's audience; personal access tokens
// are valid for any caller and carry the caller project's roles. Shared by the endpoint and the
// console's token inspector so both always agree.
import type { App } from '../store/schema.js';
import type { Claims, ClaimsResult } from './claims/claim-types.js';
import { buildIntrospectionClaims } from './claims/introspection-claims.js';
import type { ProviderDeps } from './provider-deps.js';
import { buildTokenSubject } from './token-subject.js';
import { accessTokenJti } from './tokens/issue-tokens.js';
import { addClientProjectRoleScopes } from './tokens/personal-access-token-scopes.js';
import type { LiveAccessToken } from './tokens/resolve-access-token.js';

export function inactiveAnswer(why: string): ClaimsResult<Claims> {
  return { claims: { active: false }, notes: [{ claim: 'active', present: true, why }] };
}

export function buildIntrospectionAnswer(live: LiveAccessToken, caller: App, deps: ProviderDeps): ClaimsResult<Claims> {
  const { session, user } = live;
  let { audience, scopes } = session;
  if (live.isPersonalAccessToken) {
    // ZITADEL makes a PAT valid for whichever API introspects it, with that project's roles.
    audience = [caller.clientId, caller.projectId];
    scopes = addClientProjectRoleScopes(scopes, deps.store.index.projectsById.get(caller.projectId));
  }
  if (!audience.includes(caller.clientId) && !audience.includes(caller.projectId)) {
    return inactiveAnswer(`app "${caller.name}" is not in the token's audience (${audience.join(', ')})`);
  }
  return buildIntrospectionClaims({
    ...buildTokenSubject(deps, session, user),
    scopes,
    issuer: deps.issuer,
    issuedAt: session.accessTokenIssuedAt,
    expiresAt: session.accessTokenExpiresAt,
    audience,
    jti: live.isPersonalAccessToken ? session.id : accessTokenJti(session.id, session.accessTokenId),
    authTime: session.authTime,
    amr: session.amr,
    actor: session.actor,
    callerProjectId: caller.projectId,
  });
}
