// The token inspector (issue 6, item 4): decode a JWT, check its signature against this
// emulator's keys, tell whether it is live, and show what /oauth/v2/introspect would answer a
// chosen app, with the same audience rule as introspect-endpoint.ts (reference §5).
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import type { InspectRequestDto, InspectResultDto } from '../../common/admin-api.js';
import { applyIntrospectionActions } from '../oidc/introspection-actions.js';
import { buildIntrospectionAnswer, inactiveAnswer } from '../oidc/introspection-answer.js';
import { SIGNING_ALG } from '../oidc/keys/signing-keys.js';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import { parseAccessTokenJti } from '../oidc/tokens/issue-tokens.js';
import { resolveAccessToken } from '../oidc/tokens/resolve-access-token.js';
import { looksLikeJwt } from '../oidc/tokens/verify-own-jwt.js';
import { badRequest } from './admin-errors.js';
import { isJsonObject } from './read-json-body.js';

export function readInspectRequest(body: Record<string, unknown>): InspectRequestDto {
  const { token, introspectAs } = body;
  if (typeof token !== 'string' || token.trim() === '') throw badRequest('token must be a non-empty string');
  if (introspectAs !== undefined && typeof introspectAs !== 'string') throw badRequest('introspectAs must be a client id');
  return { token: token.trim(), ...(introspectAs !== undefined && introspectAs !== '' && { introspectAs }) };
}

type Signature = InspectResultDto['signature'];

async function checkSignature(token: string, header: Record<string, unknown>, deps: ProviderDeps): Promise<Signature> {
  if (typeof header.kid !== 'string' || header.alg !== SIGNING_ALG) return 'invalid';
  const key = deps.keys.verifier(header.kid);
  if (!key) return 'unknown_key';
  try {
    await compactVerify(token, key, { algorithms: [SIGNING_ALG] });
    return 'valid';
  } catch {
    return 'invalid';
  }
}

function firstAudience(aud: unknown): string | undefined {
  if (typeof aud === 'string') return aud;
  return Array.isArray(aud) && typeof aud[0] === 'string' ? aud[0] : undefined;
}

export async function inspectToken(request: InspectRequestDto, deps: ProviderDeps): Promise<InspectResultDto> {
  const caller = request.introspectAs === undefined ? undefined : deps.store.index.appsByClientId.get(request.introspectAs);
  if (request.introspectAs !== undefined && !caller) throw badRequest(`no app has client id "${request.introspectAs}"`);

  const { token } = request;
  const live = await resolveAccessToken(token, deps, deps.state);
  const liveToken = typeof live === 'string' ? undefined : live;
  const result: InspectResultDto = { format: 'opaque', signature: 'not_applicable', active: liveToken !== undefined };

  if (looksLikeJwt(token)) {
    result.format = 'jwt';
    try {
      const header = decodeProtectedHeader(token) as Record<string, unknown>;
      const claims = decodeJwt(token) as Record<string, unknown>;
      result.header = header;
      result.claims = claims;
      if (typeof header.kid === 'string') result.kid = header.kid;
      if (typeof claims.exp === 'number') result.expiresAt = claims.exp;
      result.signature = await checkSignature(token, header, deps);
      const isAccessToken = typeof claims.jti === 'string' && parseAccessTokenJti(claims.jti) !== undefined;
      if (!isAccessToken) {
        // An ID token is "active" while it verifies and has not expired; nothing else tracks it.
        const now = Math.floor(deps.clock.now() / 1000);
        result.active = result.signature === 'valid' && typeof claims.exp === 'number' && claims.exp > now;
        if (typeof claims.sub === 'string') result.userId = claims.sub;
        const clientId = typeof claims.azp === 'string' ? claims.azp : firstAudience(claims.aud);
        if (clientId !== undefined) result.clientId = clientId;
      }
    } catch {
      result.signature = 'invalid';
      result.active = false;
    }
  }

  if (liveToken) {
    result.userId = liveToken.user.id;
    result.clientId = liveToken.session.clientId;
    result.scopes = [...liveToken.session.scopes];
  }
  if (caller) {
    // Actions run as they would for /oauth/v2/introspect, so both answers agree.
    const answer = liveToken
      ? await applyIntrospectionActions(deps, liveToken, caller, buildIntrospectionAnswer(liveToken, caller, deps))
      : inactiveAnswer(live === 'inactive_user' ? "the token's user or org is not active" : 'the token is unknown, expired or revoked');
    result.introspection = isJsonObject(answer.claims) ? answer.claims : { active: false };
    result.notes = answer.notes;
  }
  return result;
}
