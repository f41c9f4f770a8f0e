// Rebuilds the claim subject of a token session: the user, its scopes and the app it was
// issued to (none for service-user tokens, whose client_id is the user's login name).
import type { ClaimSubject } from './claims/claim-types.js';
import type { ProviderDeps } from './provider-deps.js';
import type { OidcSession } from './state/state-types.js';
import type { User } from '../store/schema.js';

export function buildTokenSubject(deps: ProviderDeps, session: OidcSession, user: User): ClaimSubject {
  const { data, index } = deps.store;
  const app = index.appsByClientId.get(session.clientId);
  return { data, index, user, scopes: session.scopes, clientId: session.clientId, ...(app && { app }) };
}
