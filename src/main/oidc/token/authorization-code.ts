// grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.5) with ZITADEL's checks and
// messages (reference §4.2). A code works once; presenting it again revokes what it issued.
import { isIssuedHere } from '../../domains/token-issuer.js';
import type { App } from '../../store/schema.js';
import { invalidClient, invalidGrant, invalidRequest } from '../errors.js';
import { isCodeVerifierValid } from '../pkce.js';
import type { AuthCode } from '../state/state-types.js';
import { issueCodeTokens } from '../tokens/issue-code-tokens.js';
import { authenticateForGrant, type Grant, type GrantRequest } from './grant.js';

function checkPkce(code: AuthCode, verifier: string | undefined, app: App): void {
  const { codeChallenge, codeChallengeMethod } = code.request;
  // Reference §4.2 (Z token_code.go codeExchangeComplianceChecker): PKCE is checked only when the
  // request had a challenge or the app authenticates with `none`; a confidential client that sent
  // no challenge may send a code_verifier, which is then ignored.
  if (codeChallenge === undefined && app.oidc?.authMethod !== 'none') return;
  if (codeChallenge === undefined) {
    if (verifier !== undefined) throw invalidRequest('code_verifier unexpectedly provided');
    return;
  }
  if (verifier === undefined) throw invalidRequest('code_verifier required');
  if (!isCodeVerifierValid(verifier, codeChallenge, codeChallengeMethod ?? 'plain')) throw invalidGrant('invalid code_verifier');
}

function takeCode(req: GrantRequest, value: string, app: App): AuthCode {
  const { state, clock } = req.deps;
  const code = state.codes.get(value);
  if (code && !isIssuedHere(code.request, req.deps)) {
    throw invalidRequest('Errors.User.Code.Invalid', { detail: 'the code was issued at another domain (issuer)' });
  }
  if (!code || code.expiresAt <= clock.now()) {
    throw invalidRequest('Errors.User.Code.Invalid', { detail: code ? 'the code expired (codes live 10 minutes)' : 'unknown code' });
  }
  if (code.oidcSessionId !== undefined) {
    // RFC 6749 §4.1.2: a replayed code SHOULD revoke the tokens issued from it.
    state.removeOidcSession(code.oidcSessionId);
    state.codes.delete(value);
    state.changed();
    throw invalidRequest('Errors.AuthRequest.NoCode', { detail: 'the code was already redeemed; its tokens are now revoked' });
  }
  if (code.request.clientId !== app.clientId) {
    throw invalidClient('client_id does not correspond to the client_id in the authorization request');
  }
  return code;
}

export const authorizationCodeGrant: Grant = {
  type: 'authorization_code',
  advertised: true,
  async handle(req) {
    const app = await authenticateForGrant(req, 'authorization_code', 'authorization_code');
    const value = req.params.get('code');
    if (value === undefined) throw invalidRequest('code missing');
    const redirectUri = req.params.get('redirect_uri');
    if (redirectUri === undefined) throw invalidRequest('redirect_uri missing');

    const code = takeCode(req, value, app);
    // Reference §4.2: ZITADEL checks PKCE before comparing redirect_uri.
    checkPkce(code, req.params.get('code_verifier'), app);
    if (code.request.redirectUri !== redirectUri) throw invalidGrant('redirect_uri does not correspond');

    const { deps } = req;
    const user = deps.store.index.usersById.get(code.userId);
    if (!user || user.state !== 'active') throw invalidRequest('Errors.User.NotFound', { detail: 'the user was removed or deactivated' });
    return (await issueCodeTokens(deps, app, user, code)).response;
  },
};
