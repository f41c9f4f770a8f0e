// Who calls (reference §2.1): `Authorization: Bearer <token>` with an access token this emulator
// issued whose audience holds the instance's ZITADEL project id, or a personal access token
// (exempt from the audience check). Auth-interceptor errors are not translated.
import type { ProviderDeps } from '../oidc/provider-deps.js';
import { resolveAccessToken } from '../oidc/tokens/resolve-access-token.js';
import type { User } from '../store/schema.js';
import { unauthenticated } from './api-error.js';

export interface Caller {
  user: User;
  isPersonalAccessToken: boolean;
}

const tokenInvalid = (detail: string) => unauthenticated('Errors.Token.Invalid', { id: 'AUTH-7fs1e', detail });

export async function authenticateCaller(authorization: string | null, deps: ProviderDeps): Promise<Caller> {
  if (authorization === null || authorization === '') throw unauthenticated('auth header missing');
  // "Bearer " is matched case-sensitively, as ZITADEL does.
  if (!authorization.startsWith('Bearer ')) throw unauthenticated('invalid auth header', { id: 'AUTH-toLo1' });
  const live = await resolveAccessToken(authorization.slice('Bearer '.length), deps, deps.state);
  if (live === 'invalid') throw tokenInvalid('unknown, expired or revoked token');
  if (live === 'inactive_user') throw tokenInvalid('the token user or its org is inactive');
  const zitadelProjectId = deps.store.data.instance.id;
  if (!live.isPersonalAccessToken && !live.session.audience.includes(zitadelProjectId)) {
    throw tokenInvalid(`the token's audience lacks the ZITADEL project id ${zitadelProjectId} (scope urn:zitadel:iam:org:project:id:zitadel:aud)`);
  }
  return { user: live.user, isPersonalAccessToken: live.isPersonalAccessToken };
}
