// POST /oauth/v2/device_authorization (RFC 8628 §3.1–3.2) as ZITADEL answers it (reference
// §4.7): client authentication like the token endpoint; codes live five minutes; poll every
// five seconds. Whether the app may use the device grant is checked later, at the token call.
// No scope is fine: neither zitadel/oidc nor ZITADEL checks it (token_device_test.go "authorized").
import { randomBytes } from 'node:crypto';
import { checkScopes } from '../../doctor/scope-checks.js';
import { readForm } from '../../http/read-params.js';
import { authenticateClient } from '../client-auth/authenticate-client.js';
import { readClientCredentials } from '../client-auth/client-credentials.js';
import { grantAppScopes } from '../claims/scopes.js';
import { splitSpaceDelimited } from '../space-delimited.js';
import type { Route } from '../route-table.js';
import { generateUserCode } from './user-code.js';

export const DEVICE_PAGE_PATH = '/device';
export const DEVICE_CODE_TTL_SECONDS = 300;
const POLL_INTERVAL_SECONDS = 5;

export const deviceAuthorizationRoute: Route = {
  path: '/oauth/v2/device_authorization',
  methods: ['POST'],
  discoveryField: 'device_authorization_endpoint',
  async handle(ctx, deps) {
    const params = await readForm(ctx);
    const { app } = await authenticateClient(readClientCredentials(params, ctx.get('Authorization')), deps);
    const requested = splitSpaceDelimited(params.get('scope'));
    const project = deps.store.index.projectsById.get(app.projectId);
    const scopes = grantAppScopes(requested, project);
    checkScopes(deps, deps.store.index, requested, scopes, project);

    let userCode = generateUserCode();
    while (deps.state.findDeviceByUserCode(userCode)) userCode = generateUserCode();
    const deviceCode = randomBytes(16).toString('base64url');
    deps.state.deviceAuthorizations.set(deviceCode, {
      deviceCode,
      userCode,
      clientId: app.clientId,
      scopes,
      expiresAt: deps.clock.now() + DEVICE_CODE_TTL_SECONDS * 1000,
      status: 'pending',
    });
    deps.state.changed();

    const verificationUri = `${deps.issuer}${DEVICE_PAGE_PATH}`;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      device_code: deviceCode,
      user_code: userCode,
      verification_uri: verificationUri,
      verification_uri_complete: `${verificationUri}?user_code=${userCode}`,
      expires_in: DEVICE_CODE_TTL_SECONDS,
      interval: POLL_INTERVAL_SECONDS,
    };
  },
};
