// Finds the live session behind an access token, opaque or JWT. A token is live only while it
// is its session's newest access token, unexpired, and its user is active (reference §4.3, §5).
import type { User } from '../../store/schema.js';
import type { ProviderDeps } from '../provider-deps.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { OidcSession } from '../state/state-types.js';
import { parseAccessTokenJti } from './issue-tokens.js';
import { looksLikeJwt, verifyOwnJwt } from './verify-own-jwt.js';

export interface LiveAccessToken {
  session: OidcSession;
  user: User;
}

export type AccessTokenProblem = 'invalid' | 'inactive_user';

async function findRef(token: string, deps: ProviderDeps, state: RuntimeState) {
  if (!looksLikeJwt(token)) return state.accessTokens.get(token);
  const payload = await verifyOwnJwt(token, deps.keys);
  return typeof payload?.jti === 'string' ? parseAccessTokenJti(payload.jti) : undefined;
}

export async function resolveAccessToken(
  token: string,
  deps: ProviderDeps,
  state: RuntimeState,
): Promise<LiveAccessToken | AccessTokenProblem> {
  const ref = await findRef(token, deps, state);
  const session = ref && state.oidcSessions.get(ref.sessionId);
  if (!ref || !session || session.accessTokenId !== ref.tokenId) return 'invalid';
  if (session.accessTokenExpiresAt <= Math.floor(deps.clock.now() / 1000)) return 'invalid';
  const user = deps.store.index.usersById.get(session.userId);
  if (!user || user.state !== 'active') return 'inactive_user';
  return { session, user };
}
