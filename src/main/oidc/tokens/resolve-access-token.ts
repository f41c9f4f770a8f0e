// Finds the live session behind an access token: opaque, JWT, or a service user's personal
// access token. A token is live only while it is its session's newest access token, unexpired,
// and its user is active (reference §4.3, §5).
import { isIssuedHere } from '../../domains/token-issuer.js';
import type { User } from '../../store/schema.js';
import type { ProviderDeps } from '../provider-deps.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { OidcSession, TokenRef } from '../state/state-types.js';
import { parseAccessTokenJti } from './issue-tokens.js';
import { looksLikeJwt, verifyOwnJwt } from './verify-own-jwt.js';

export interface LiveAccessToken {
  session: OidcSession;
  user: User;
  /** Personal access tokens get the caller's audience and roles at introspection (reference §5). */
  isPersonalAccessToken: boolean;
}

export type AccessTokenProblem = 'invalid' | 'inactive_user';

/** Scopes ZITADEL gives personal access tokens. */
const PAT_SCOPES = ['openid', 'profile', 'urn:zitadel:iam:user:metadata', 'urn:zitadel:iam:user:resourceowner'];

function findPersonalAccessToken(token: string, deps: ProviderDeps): LiveAccessToken | undefined {
  const found = deps.store.index.personalAccessTokens.get(token);
  if (!found) return undefined;
  const { user, pat } = found;
  const issuedAt = pat.createdAt ? Math.floor(Date.parse(pat.createdAt) / 1000) : 0;
  const session: OidcSession = {
    id: pat.id,
    userId: user.id,
    clientId: user.userName,
    scopes: PAT_SCOPES,
    grantedScopes: PAT_SCOPES,
    audience: [],
    accessTokenId: pat.id,
    accessTokenIssuedAt: issuedAt,
    accessTokenExpiresAt: Math.floor(Date.parse(pat.expirationDate) / 1000),
    createdAt: issuedAt,
  };
  return { session, user, isPersonalAccessToken: true };
}

/** The session whose current access token this is (opaque or our JWT); nothing else is checked. */
export async function findAccessTokenSession(token: string, deps: ProviderDeps, state: RuntimeState): Promise<OidcSession | undefined> {
  let ref: TokenRef | undefined;
  if (looksLikeJwt(token)) {
    const payload = await verifyOwnJwt(token, deps.keys);
    ref = typeof payload?.jti === 'string' ? parseAccessTokenJti(payload.jti) : undefined;
  } else ref = state.accessTokens.get(token);
  const session = ref && state.oidcSessions.get(ref.sessionId);
  return ref && session?.accessTokenId === ref.tokenId && isIssuedHere(session, deps) ? session : undefined;
}

async function findSession(token: string, deps: ProviderDeps, state: RuntimeState): Promise<LiveAccessToken | undefined> {
  const session = await findAccessTokenSession(token, deps, state);
  if (!session) return looksLikeJwt(token) ? undefined : findPersonalAccessToken(token, deps);
  const user = deps.store.index.usersById.get(session.userId);
  return user ? { session, user, isPersonalAccessToken: false } : undefined;
}

export async function resolveAccessToken(
  token: string,
  deps: ProviderDeps,
  state: RuntimeState,
): Promise<LiveAccessToken | AccessTokenProblem> {
  const live = await findSession(token, deps, state);
  if (!live || live.session.accessTokenExpiresAt <= Math.floor(deps.clock.now() / 1000)) return 'invalid';
  const org = deps.store.index.orgsById.get(live.user.orgId);
  if (live.user.state !== 'active' || org?.state !== 'active') return 'inactive_user';
  return live;
}
