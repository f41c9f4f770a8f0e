// Who calls (reference §2.1): `Authorization: Bearer <token>` with an access token this emulator
// issued whose audience holds the instance's ZITADEL project id, or a personal access token
// (exempt from the audience check). Impersonation tokens (with an actor) are refused, and a
// browser app's token is refused from an `Origin` its redirect URIs do not allow. Auth-interceptor
// errors are not translated.
import type { ProviderDeps } from '../oidc/provider-deps.js';
import { resolveAccessToken } from '../oidc/tokens/resolve-access-token.js';
import type { User } from '../store/schema.js';
import { permissionDenied, unauthenticated } from './api-error.js';
import { isOriginAllowed } from './app-origins.js';

export interface Caller {
  user: User;
  isPersonalAccessToken: boolean;
}

const tokenInvalid = (detail: string) => unauthenticated('Errors.Token.Invalid', { id: 'AUTH-7fs1e', detail });

export async function authenticateCaller(authorization: string | null, origin: string | null, deps: ProviderDeps): Promise<Caller> {
  if (authorization === null || authorization === '') throw unauthenticated('auth header missing');
  // "Bearer " is matched case-sensitively, as ZITADEL does.
  if (!authorization.startsWith('Bearer ')) throw unauthenticated('invalid auth header', { id: 'AUTH-toLo1' });
  const live = await resolveAccessToken(authorization.slice('Bearer '.length), deps, deps.state);
  if (live === 'invalid') throw tokenInvalid('unknown, expired or revoked token');
  if (live === 'inactive_user') throw tokenInvalid('the token user or its org is inactive');
  // ZITADEL checks the actor before the audience (token_verifier.go), so even an impersonation
  // token with the ZITADEL audience is refused.
  if (live.session.actor) throw permissionDenied('Errors.TokenExchange.Token.NotForAPI', { id: 'APP-Shi0J', detail: `impersonation token (act.sub ${live.session.actor.sub})` });
  const zitadelProjectId = deps.store.data.instance.id;
  if (!live.isPersonalAccessToken && !live.session.audience.includes(zitadelProjectId)) {
    throw tokenInvalid(`the token's audience lacks the ZITADEL project id ${zitadelProjectId} (scope urn:zitadel:iam:org:project:id:zitadel:aud)`);
  }
  const app = live.isPersonalAccessToken ? undefined : deps.store.index.appsByClientId.get(live.session.clientId);
  if (app && origin !== null && origin !== '' && !isOriginAllowed(app, origin)) {
    throw permissionDenied('Errors.OriginNotAllowed', { id: 'AUTH-DZG21', detail: `origin ${origin} is not derived from a redirect URI of app ${app.name}` });
  }
  return { user: live.user, isPersonalAccessToken: live.isPersonalAccessToken };
}
