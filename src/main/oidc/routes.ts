// Every route the provider serves, in one list (see route-table.ts for why).
import { buildDiscovery, discoveryRoute, type Capabilities } from './discovery.js';
import { jwksRoute } from './jwks-endpoint.js';
import type { ProviderDeps } from './provider-deps.js';
import type { Route } from './route-table.js';

export function buildRoutes({ issuer }: ProviderDeps): Route[] {
  const endpoints: Route[] = [jwksRoute];
  const capabilities: Capabilities = {
    responseTypes: [],
    responseModes: [],
    grantTypes: [],
    tokenEndpointAuthMethods: [],
    revocationEndpointAuthMethods: [],
    introspectionEndpointAuthMethods: [],
    codeChallengeMethods: [],
  };
  // Serialised once: the issuer and the route table are fixed for the life of the server.
  const discovery = JSON.stringify(buildDiscovery(issuer, endpoints, capabilities));
  return [discoveryRoute(discovery), ...endpoints];
}
