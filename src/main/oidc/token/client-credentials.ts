// grant_type=client_credentials (RFC 6749 §4.4), which ZITADEL reserves for service users
// (reference §4.4): client_id is the user's login name, the secret is the user's machine
// secret; an ID token comes back when `openid` is asked; never a refresh token.
import type { User } from '../../store/schema.js';
import { buildPreferredUsername } from '../claims/profile-claims.js';
import { readClientCredentials } from '../client-auth/client-credentials.js';
import { isSameSecret } from '../client-auth/compare-secret.js';
import { invalidClient, invalidRequest } from '../errors.js';
import type { ProviderDeps } from '../provider-deps.js';
import { issueTokens } from '../tokens/issue-tokens.js';
import type { Grant, GrantRequest } from './grant.js';
import { readServiceUserScopes } from './service-user-scopes.js';

function authenticateServiceUser(req: GrantRequest, deps: ProviderDeps): User {
  const creds = readClientCredentials(req.params, req.ctx.get('Authorization'));
  if (creds.clientId === undefined) throw invalidRequest('client_id or client_assertion must be provided');
  const user = deps.store.index.usersByLoginName.get(creds.clientId.toLowerCase());
  const org = user && deps.store.index.orgsById.get(user.orgId);
  if (!user?.machine || user.state !== 'active' || org?.state !== 'active') {
    throw invalidClient('client not found', { detail: `no active service user has the login name ${creds.clientId}` });
  }
  const secret = user.machine.clientSecret;
  if (!secret) throw invalidRequest('Errors.User.Machine.Secret.NotExisting', { detail: `service user ${user.userName} has no secret` });
  if (!creds.clientSecret || !isSameSecret(creds.clientSecret, secret)) {
    throw invalidRequest('Errors.User.Machine.Secret.Invalid', { detail: `wrong secret for service user ${user.userName}` });
  }
  return user;
}

export const clientCredentialsGrant: Grant = {
  type: 'client_credentials',
  advertised: true,
  async handle(req) {
    const { deps } = req;
    const user = authenticateServiceUser(req, deps);
    const { scopes, audience } = readServiceUserScopes(req.params.get('scope'), user, deps);
    const issued = await issueTokens(deps, deps.state, {
      user,
      clientId: buildPreferredUsername(deps.store.data, deps.store.index, user),
      scopes,
      audience,
      // ZITADEL records the secret check as a password factor (reference §3.4).
      login: { authTime: Math.floor(deps.clock.now() / 1000), amr: ['pwd'] },
      accessTokenType: user.machine?.accessTokenType ?? 'bearer',
      withAccessToken: true,
      withIdToken: scopes.includes('openid'),
      withRefreshToken: false,
    });
    return issued.response;
  },
};
