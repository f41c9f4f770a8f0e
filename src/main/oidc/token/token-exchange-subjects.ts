// Reads the subject and actor tokens of a token exchange (RFC 8693 §2.1, reference §4.6) into
// one shape: whose token it is, its audience and scopes, and its login facts.
import { createPublicKey } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import type { App, User } from '../../store/schema.js';
import { invalidRequest } from '../errors.js';
import type { ProviderDeps } from '../provider-deps.js';
import type { ActorClaim } from '../claims/claim-types.js';
import { addClientProjectRoleScopes } from '../tokens/personal-access-token-scopes.js';
import { resolveAccessToken } from '../tokens/resolve-access-token.js';
import { splitSpaceDelimited } from '../space-delimited.js';
import { verifyOwnJwt } from '../tokens/verify-own-jwt.js';

export const TOKEN_TYPES = {
  accessToken: 'urn:ietf:params:oauth:token-type:access_token',
  idToken: 'urn:ietf:params:oauth:token-type:id_token',
  jwt: 'urn:ietf:params:oauth:token-type:jwt',
  refreshToken: 'urn:ietf:params:oauth:token-type:refresh_token',
  userId: 'urn:zitadel:params:oauth:token-type:user_id',
} as const;

/** zitadel/oidc's AllTokenTypes plus ZITADEL's user_id: anything else is refused while parsing. */
export const KNOWN_TOKEN_TYPES: ReadonlySet<string> = new Set(Object.values(TOKEN_TYPES));

export interface ExchangeToken {
  type: string;
  user: User;
  audience: string[];
  scopes: string[];
  authTime?: number;
  amr?: string[];
  actor?: ActorClaim;
  /** user_id and client-signed jwt subjects name a user without proving a login (impersonation). */
  impersonates: boolean;
}

type Role = 'subject_token' | 'actor_token';

function activeUser(deps: ProviderDeps, userId: unknown): User | undefined {
  const user = typeof userId === 'string' ? deps.store.index.usersById.get(userId) : undefined;
  return user?.state === 'active' ? user : undefined;
}

async function readAccessToken(token: string, app: App, deps: ProviderDeps): Promise<ExchangeToken | undefined> {
  const live = await resolveAccessToken(token, deps, deps.state);
  if (typeof live === 'string') return undefined;
  const { session, user } = live;
  // The exchanging client (or its project) must be in the token's audience; PATs are always fine.
  const audience = live.isPersonalAccessToken ? [app.clientId, app.projectId] : session.audience;
  if (!audience.includes(app.clientId) && !audience.includes(app.projectId) && session.clientId !== app.clientId) return undefined;
  const scopes = live.isPersonalAccessToken ? addClientProjectRoleScopes(session.scopes, deps.store.index.projectsById.get(app.projectId)) : session.scopes;
  return { type: TOKEN_TYPES.accessToken, user, audience, scopes, authTime: session.authTime, amr: session.amr, actor: session.actor, impersonates: false };
}

async function readIdToken(token: string, deps: ProviderDeps): Promise<ExchangeToken | undefined> {
  const claims = await verifyOwnJwt(token, deps.keys);
  if (!claims || claims.iss !== deps.issuer || typeof claims.exp !== 'number' || claims.exp * 1000 <= deps.clock.now()) return undefined;
  const user = activeUser(deps, claims.sub);
  if (!user) return undefined;
  const audience = Array.isArray(claims.aud) ? claims.aud.filter((a): a is string => typeof a === 'string') : [];
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((a): a is string => typeof a === 'string') : undefined;
  return { type: TOKEN_TYPES.idToken, user, audience, scopes: [], authTime: typeof claims.auth_time === 'number' ? claims.auth_time : undefined, amr, impersonates: false };
}

/** A JWT the exchanging client signed with one of its own keys, naming the user in `sub`. */
async function readClientSignedJwt(token: string, app: App, deps: ProviderDeps): Promise<ExchangeToken | undefined> {
  try {
    const { kid, alg } = decodeProtectedHeader(token);
    const key = app.keys.find((k) => k.id === kid && Date.parse(k.expirationDate) > deps.clock.now());
    if (alg !== 'RS256' || !key) return undefined;
    await compactVerify(token, createPublicKey(key.publicKey), { algorithms: ['RS256'] });
    const claims = decodeJwt(token);
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= deps.clock.now()) return undefined;
    const user = activeUser(deps, claims.sub);
    // Its own `scope` claim is what it carries (jwtToExchangeToken); its audience is not trusted.
    const scopes = typeof claims.scope === 'string' ? splitSpaceDelimited(claims.scope) : [];
    return user ? { type: TOKEN_TYPES.jwt, user, audience: [], scopes, impersonates: true } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads one input token. Whatever is wrong with it (missing, a type this role may not have, or
 * not valid) is `"<role> invalid"`: ZITADEL wraps every verifyExchangeToken error that way, with
 * the reason kept private.
 */
export async function readExchangeToken(
  role: Role,
  token: string | undefined,
  type: string | undefined,
  app: App,
  deps: ProviderDeps,
): Promise<ExchangeToken> {
  let found: ExchangeToken | undefined;
  let detail = 'the token is not valid, has expired or is not meant for this client';
  if (token === undefined) detail = `${role} missing`;
  else if (type === undefined) detail = `${role}_type missing`;
  else if (type === TOKEN_TYPES.accessToken) found = await readAccessToken(token, app, deps);
  else if (type === TOKEN_TYPES.idToken) found = await readIdToken(token, deps);
  else if (role === 'subject_token' && type === TOKEN_TYPES.jwt) found = await readClientSignedJwt(token, app, deps);
  else if (role === 'subject_token' && type === TOKEN_TYPES.userId) {
    const user = activeUser(deps, token);
    found = user && { type, user, audience: [], scopes: [], impersonates: true };
  } else detail = `${type} is not supported as ${role}_type (Errors.TokenExchange.Token.TypeNotSupported)`;
  if (!found) throw invalidRequest(`${role} invalid`, { detail });
  return found;
}
