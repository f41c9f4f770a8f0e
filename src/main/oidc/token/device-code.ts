// grant_type=urn:ietf:params:oauth:grant-type:device_code (RFC 8628 §3.4–3.5) with ZITADEL's
// answers (reference §4.7). ZITADEL never answers slow_down, so neither does this.
import { sessionAudience } from '../claims/audience.js';
import { accessDenied, authorizationPending, expiredToken, invalidClient, invalidGrant, invalidRequest } from '../errors.js';
import { issueTokens } from '../tokens/issue-tokens.js';
import { authenticateForGrant, type Grant } from './grant.js';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export const deviceCodeGrant: Grant = {
  type: DEVICE_CODE_GRANT,
  advertised: true,
  async handle(req) {
    const app = await authenticateForGrant(req, 'device_code', DEVICE_CODE_GRANT);
    const deviceCode = req.params.get('device_code');
    if (deviceCode === undefined) throw invalidRequest('device_code missing');
    const { deps } = req;
    const device = deps.state.deviceAuthorizations.get(deviceCode);
    if (!device || device.status === 'redeemed') throw invalidGrant(undefined, { detail: device ? 'the device code was already used' : 'unknown device code' });
    if (device.clientId !== app.clientId) {
      throw invalidClient('client_id does not correspond to the client_id in the authorization request');
    }
    if (device.expiresAt <= deps.clock.now()) throw expiredToken('The "device_code" has expired.');
    if (device.status === 'denied') throw accessDenied('The authorization request was denied.');
    if (device.status === 'pending') {
      throw authorizationPending(
        'The client SHOULD repeat the access token request to the token endpoint, after interval from device authorization response.',
      );
    }
    const user = device.userId === undefined ? undefined : deps.store.index.usersById.get(device.userId);
    if (!user || user.state !== 'active') throw invalidGrant(undefined, { detail: 'the approving user is no longer active' });
    device.status = 'redeemed';
    deps.state.touch(deps.state.deviceAuthorizations, device.deviceCode);
    const { scopes } = device;
    const issued = await issueTokens(deps, deps.state, {
      user,
      app,
      clientId: app.clientId,
      scopes,
      audience: sessionAudience({ index: deps.store.index, app, scopes, zitadelProjectId: deps.store.data.instance.id }),
      login: { sid: device.loginSessionId, authTime: device.authTime ?? Math.floor(deps.clock.now() / 1000), amr: device.amr ?? [] },
      accessTokenType: app.oidc?.accessTokenType ?? 'bearer',
      withAccessToken: true,
      withIdToken: scopes.includes('openid'),
      // The device flow issues a refresh token whenever offline_access was asked (reference §2).
      withRefreshToken: scopes.includes('offline_access'),
    });
    return issued.response;
  },
};
