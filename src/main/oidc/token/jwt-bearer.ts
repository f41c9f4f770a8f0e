// grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer (RFC 7523 §2.1), ZITADEL's "JWT
// profile" grant for service users (reference §4.5): no client authentication; the assertion
// is signed with a key from the user's key file; every assertion problem is invalid_grant
// "invalid assertion", with the real reason kept for the console.
import { AssertionError, verifyJwtAssertion } from '../assertions/verify-jwt-assertion.js';
import { buildPreferredUsername } from '../claims/profile-claims.js';
import { invalidGrant, invalidRequest } from '../errors.js';
import { issueTokens } from '../tokens/issue-tokens.js';
import type { Grant } from './grant.js';
import { readServiceUserScopes } from './service-user-scopes.js';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export const jwtBearerGrant: Grant = {
  type: JWT_BEARER_GRANT,
  advertised: true,
  async handle(req) {
    const { deps } = req;
    const assertion = req.params.get('assertion');
    if (assertion === undefined) throw invalidRequest('assertion missing');
    const { index } = deps.store;
    let userId: string;
    try {
      const claims = await verifyJwtAssertion(assertion, {
        issuer: deps.issuer,
        now: Math.floor(deps.clock.now() / 1000),
        keysOf: (iss) => index.usersById.get(iss)?.machine?.keys,
      });
      userId = claims.iss;
    } catch (err) {
      if (err instanceof AssertionError) throw invalidGrant('invalid assertion', { detail: err.message });
      throw err;
    }
    const user = index.usersById.get(userId);
    if (!user?.machine || user.state !== 'active') throw invalidGrant('invalid assertion', { detail: `service user ${userId} is not active` });
    const { scopes, audience } = readServiceUserScopes(req.params.get('scope'), user, deps);
    const issued = await issueTokens(deps, deps.state, {
      user,
      clientId: buildPreferredUsername(deps.store.data, index, user),
      scopes,
      audience,
      // A private-key login records no amr value (reference §3.4).
      login: { authTime: Math.floor(deps.clock.now() / 1000), amr: [] },
      accessTokenType: user.machine.accessTokenType,
      withAccessToken: true,
      withIdToken: scopes.includes('openid'),
      withRefreshToken: false,
    });
    return issued.response;
  },
};
