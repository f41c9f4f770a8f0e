// Every route the provider serves, in one list (see route-table.ts for why), and the
// capability lists discovery derives from the same registries the endpoints use.
import { deviceRoutes } from '../login/device-routes.js';
import { loginRoutes } from '../login/login-routes.js';
import { authorizeCallbackRoute } from './authorize/authorize-callback.js';
import { authorizeRoute } from './authorize/authorize-endpoint.js';
import {
  ADVERTISED_CODE_CHALLENGE_METHODS,
  SUPPORTED_RESPONSE_MODES,
  SUPPORTED_RESPONSE_TYPES,
} from './authorize/validate-authorize-request.js';
import { CLIENT_AUTH_METHODS } from './client-auth/authenticate-client.js';
import { deviceAuthorizationRoute } from './device/device-authorization-endpoint.js';
import { buildDiscovery, discoveryRoute, type Capabilities } from './discovery.js';
import { endSessionRoute, loggedOutRoute } from './end-session-endpoint.js';
import { introspectRoute } from './introspect-endpoint.js';
import { jwksRoute } from './jwks-endpoint.js';
import type { ProviderDeps } from './provider-deps.js';
import { revokeRoute } from './revoke-endpoint.js';
import type { Route } from './route-table.js';
import { authorizationCodeGrant } from './token/authorization-code.js';
import { clientCredentialsGrant } from './token/client-credentials.js';
import { deviceCodeGrant } from './token/device-code.js';
import type { Grant } from './token/grant.js';
import { jwtBearerGrant } from './token/jwt-bearer.js';
import { refreshTokenGrant } from './token/refresh-token.js';
import { tokenExchangeGrant } from './token/token-exchange.js';
import { tokenRoute } from './token/token-endpoint.js';
import { userinfoRoute } from './userinfo-endpoint.js';

/** Token-endpoint grants in zitadel/oidc's discovery order. */
const GRANTS: readonly Grant[] = [
  authorizationCodeGrant,
  refreshTokenGrant,
  clientCredentialsGrant,
  jwtBearerGrant,
  deviceCodeGrant,
  tokenExchangeGrant,
];
/** Introspection callers authenticate with a secret or a key (reference §5). */
const INTROSPECTION_AUTH_METHODS = ['client_secret_basic', 'private_key_jwt'];

function advertisedGrantTypes(): string[] {
  const types = GRANTS.filter((g) => g.advertised).map((g) => g.type);
  // The implicit grant is served by /authorize, not the token endpoint, but listed all the same.
  const hasImplicit = SUPPORTED_RESPONSE_TYPES.some((t) => t !== 'code');
  if (hasImplicit) types.splice(types.indexOf('authorization_code') + 1, 0, 'implicit');
  return types;
}

export function buildRoutes({ issuer }: ProviderDeps): Route[] {
  const endpoints: Route[] = [
    authorizeRoute,
    authorizeCallbackRoute,
    tokenRoute(GRANTS),
    introspectRoute,
    userinfoRoute,
    revokeRoute,
    endSessionRoute,
    deviceAuthorizationRoute,
    jwksRoute,
  ];
  const authMethods = Object.keys(CLIENT_AUTH_METHODS);
  const capabilities: Capabilities = {
    responseTypes: SUPPORTED_RESPONSE_TYPES,
    responseModes: SUPPORTED_RESPONSE_MODES,
    grantTypes: advertisedGrantTypes(),
    tokenEndpointAuthMethods: authMethods,
    revocationEndpointAuthMethods: authMethods,
    introspectionEndpointAuthMethods: INTROSPECTION_AUTH_METHODS,
    codeChallengeMethods: ADVERTISED_CODE_CHALLENGE_METHODS,
  };
  // Serialised once: the issuer and the route table are fixed for the life of the server.
  const discovery = JSON.stringify(buildDiscovery(issuer, endpoints, capabilities));
  return [discoveryRoute(discovery), ...endpoints, loggedOutRoute, ...loginRoutes, ...deviceRoutes];
}
