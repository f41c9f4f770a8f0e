// Mints the tokens of one response (access, refresh, ID token) for a new or a refreshed OIDC
// session, records them in the runtime state, and returns the token response of RFC 6749
// §5.1 as ZITADEL shapes it: no `scope`, `expires_in` truncated (reference §4).
import { applyComplementActions } from '../../actions/complement-token.js';
import { recordFacts, recordNote, recordToken, type ActivityScope } from '../../activity/request-activity.js';
import { buildJwtAccessTokenClaims } from '../claims/access-token-claims.js';
import type { ActorClaim, Claims, ClaimsResult } from '../claims/claim-types.js';
import { SIGNING_ALG } from '../keys/signing-keys.js';
import { buildIdTokenClaims } from '../claims/id-token-claims.js';
import { issuerStamp } from '../../domains/token-issuer.js';
import { buildProfileClaims } from '../claims/profile-claims.js';
import { selectRoleAudience } from '../claims/role-claims.js';
import type { ProviderDeps } from '../provider-deps.js';
import { describeRetirement } from '../state/live-token-guard.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { OidcSession } from '../state/state-types.js';
import type { App, User } from '../../store/schema.js';
import { generateOpaqueToken } from './opaque-token.js';
import { signJwt } from './sign-jwt.js';
import { computeTokenHash } from './token-hash.js';

export interface TokenResponse {
  access_token?: string;
  token_type: 'Bearer';
  refresh_token?: string;
  expires_in: number;
  id_token?: string;
}

export interface LoginFacts {
  /** The browser login; absent for service-user grants (reference §3.1: no sid there). */
  sid?: string;
  authTime: number;
  amr: string[];
}

export interface IssueRequest {
  user: User;
  /** The OIDC app; absent for service-user grants, where clientId is the user's login name. */
  app?: App;
  clientId: string;
  scopes: string[];
  audience: string[];
  login?: LoginFacts;
  nonce?: string;
  actor?: ActorClaim;
  accessTokenType: 'bearer' | 'jwt';
  withAccessToken: boolean;
  withIdToken: boolean;
  withRefreshToken: boolean;
  /** The session to rotate (refresh grant); a new one is created when absent. */
  session?: OidcSession;
}

export interface IssuedTokens {
  response: TokenResponse;
  session: OidcSession;
}

/** jti of JWT access tokens, shaped like ZITADEL's `V2_<session>-at_<token>` (reference §8). */
export function accessTokenJti(sessionId: string, tokenId: string): string {
  return `V2_${sessionId}-at_${tokenId}`;
}

export function parseAccessTokenJti(jti: string): { sessionId: string; tokenId: string } | undefined {
  const match = /^V2_(.+)-at_(.+)$/.exec(jti);
  return match?.[1] && match[2] ? { sessionId: match[1], tokenId: match[2] } : undefined;
}

/** Shows the minted tokens on the console's Activity page, decoded, with claim provenance. */
function recordIssued(scope: ActivityScope, minted: {
  accessToken?: string;
  refreshToken?: string;
  idToken?: string;
  built: { idToken?: ClaimsResult<Claims>; accessToken?: ClaimsResult<Claims> };
  signerKid: string;
}): void {
  const header = { alg: SIGNING_ALG, kid: minted.signerKid, typ: 'JWT' };
  const { idToken, accessToken, refreshToken, built } = minted;
  if (idToken && built.idToken) {
    recordToken(scope, { kind: 'id_token', format: 'jwt', value: idToken, header, claims: built.idToken.claims, notes: built.idToken.notes });
  }
  if (accessToken) {
    recordToken(
      scope,
      built.accessToken
        ? { kind: 'access_token', format: 'jwt', value: accessToken, header, claims: built.accessToken.claims, notes: built.accessToken.notes }
        : { kind: 'access_token', format: 'opaque', value: accessToken },
    );
  }
  if (refreshToken) recordToken(scope, { kind: 'refresh_token', format: 'opaque', value: refreshToken });
}

export async function issueTokens(deps: ProviderDeps, state: RuntimeState, req: IssueRequest): Promise<IssuedTokens> {
  // The first signing key of a fresh store may still be on its way (SigningKeys.ensure).
  const signer = await deps.keys.readySigner();
  const { data, index } = deps.store;
  const settings = data.instance.oidcSettings;
  const now = Math.floor(deps.clock.now() / 1000);
  const skew = req.app?.oidc?.clockSkew ?? 0;

  const previous = req.session;
  const session: OidcSession = {
    id: previous?.id ?? deps.newId(),
    ...issuerStamp(deps),
    userId: req.user.id,
    clientId: req.clientId,
    scopes: req.scopes,
    grantedScopes: previous?.grantedScopes ?? req.scopes,
    audience: req.audience,
    ...(req.login && { authTime: req.login.authTime, amr: req.login.amr }),
    ...(req.login?.sid !== undefined && { sid: req.login.sid }),
    ...(req.nonce !== undefined && { nonce: req.nonce }),
    ...(req.actor && { actor: req.actor }),
    accessTokenId: deps.newId(),
    accessTokenIssuedAt: now,
    accessTokenExpiresAt: now + settings.accessTokenLifetime,
    createdAt: previous?.createdAt ?? now,
  };
  if (req.withRefreshToken) {
    session.refreshTokenId = deps.newId();
    session.refreshIdleExpiresAt = now + settings.refreshTokenIdleExpiration;
    // The absolute expiry is fixed at first issuance; refreshing never extends it (reference §4.3).
    session.refreshAbsoluteExpiresAt = previous?.refreshAbsoluteExpiresAt ?? now + settings.refreshTokenExpiration;
  }

  const subject = { data, index, user: req.user, scopes: req.scopes, clientId: req.clientId, ...(req.app && { app: req.app }) };
  const builtClaims: { idToken?: ClaimsResult<Claims>; accessToken?: ClaimsResult<Claims> } = {};
  let accessToken: string | undefined;
  let refreshToken: string | undefined;
  let idToken: string | undefined;
  // Actions (zitadel-actions.md §1): preaccesstoken for JWT access tokens, preuserinfo for ID tokens.
  const hook = {
    user: req.user,
    clientId: req.clientId,
    roleProjectIds: () => selectRoleAudience({ ...subject, ownProjectId: req.app?.projectId }).projectIds,
  };

  if (req.withAccessToken) {
    if (req.accessTokenType === 'jwt') {
      const plain = buildJwtAccessTokenClaims({
        ...subject,
        issuer: deps.issuer,
        now,
        expiresAt: session.accessTokenExpiresAt,
        audience: req.audience,
        jti: accessTokenJti(session.id, session.accessTokenId),
        ...(req.actor && { actor: req.actor }),
      });
      // The hook's userinfo carries profile claims when the app puts them in ID tokens (§2.4).
      const extraUserinfo = req.app?.oidc?.idTokenUserinfoAssertion ? buildProfileClaims(subject).claims : undefined;
      const built = await applyComplementActions(deps, { ...hook, fn: 'preaccesstoken', ...(extraUserinfo && { extraUserinfo }) }, plain);
      accessToken = await signJwt(built.claims, signer);
      builtClaims.accessToken = built;
    } else {
      accessToken = generateOpaqueToken();
      session.opaqueAccessToken = accessToken;
    }
  }
  if (req.withRefreshToken && session.refreshTokenId) {
    refreshToken = generateOpaqueToken();
    session.opaqueRefreshToken = refreshToken;
  }
  if (req.withIdToken) {
    const plain = buildIdTokenClaims({
      ...subject,
      issuer: deps.issuer,
      now: now - skew,
      expiresAt: now + settings.idTokenLifetime + skew,
      audience: req.audience,
      ...(req.login && { sid: req.login.sid, authTime: req.login.authTime - skew, amr: req.login.amr }),
      ...(req.nonce !== undefined && { nonce: req.nonce }),
      ...(accessToken !== undefined && { atHash: computeTokenHash(accessToken) }),
      ...(req.actor && { actor: req.actor }),
    });
    const built = await applyComplementActions(deps, { ...hook, fn: 'preuserinfo' }, plain);
    idToken = await signJwt(built.claims, signer);
    builtClaims.idToken = built;
  }

  // Only now, after actions could still refuse the request, do the tokens change. Rotation:
  // the previous access and refresh tokens of this session stop working.
  if (previous) state.forgetTokens(previous);
  if (session.opaqueAccessToken !== undefined) state.accessTokens.set(session.opaqueAccessToken, { sessionId: session.id, tokenId: session.accessTokenId });
  if (refreshToken !== undefined && session.refreshTokenId) state.refreshTokens.set(refreshToken, { sessionId: session.id, tokenId: session.refreshTokenId });
  state.oidcSessions.set(session.id, session);
  const retired = state.enforceLiveTokenLimit(session.id);
  if (retired) recordNote(deps, describeRetirement(retired));
  recordIssued(deps, { accessToken, refreshToken, idToken, built: builtClaims, signerKid: signer.kid });
  recordFacts(deps, { clientId: req.clientId, userId: req.user.id, sessionId: session.sid });
  // Field order as ZITADEL sends it.
  const response: TokenResponse = {
    ...(accessToken !== undefined && { access_token: accessToken }),
    token_type: 'Bearer',
    ...(refreshToken !== undefined && { refresh_token: refreshToken }),
    // ZITADEL computes expires_in after minting and truncates, so it is one second short.
    expires_in: Math.max(0, settings.accessTokenLifetime - 1),
    ...(idToken !== undefined && { id_token: idToken }),
  };
  return { response, session };
}
