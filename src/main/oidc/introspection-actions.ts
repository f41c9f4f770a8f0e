// Introspection with Actions (zitadel-actions.md §1, Z `introspect.go`): `preuserinfo` runs on
// every active answer, with the introspecting API app as `application`; any action error turns
// the answer into `{"active":false}`. Shared by the endpoint and the console's token inspector.
import { applyComplementActions } from '../actions/complement-token.js';
import type { App } from '../store/schema.js';
import type { Claims, ClaimsResult } from './claims/claim-types.js';
import { OAuthError } from './errors.js';
import { inactiveAnswer } from './introspection-answer.js';
import type { ProviderDeps } from './provider-deps.js';
import type { LiveAccessToken } from './tokens/resolve-access-token.js';

export async function applyIntrospectionActions(deps: ProviderDeps, live: LiveAccessToken, caller: App, built: ClaimsResult<Claims>): Promise<ClaimsResult<Claims>> {
  if (built.claims.active !== true) return built;
  try {
    return await applyComplementActions(deps, { fn: 'preuserinfo', user: live.user, clientId: caller.clientId, roleProjectIds: () => [caller.projectId] }, built);
  } catch (err) {
    if (!(err instanceof OAuthError)) throw err;
    return inactiveAnswer(`an action failed: ${err.description ?? err.error}${err.detail ? ` (${err.detail})` : ''}`);
  }
}
