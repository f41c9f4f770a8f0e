// Authenticates an app at the token, revocation and device endpoints (RFC 6749 §2.3) with
// ZITADEL's rules and messages (reference §4.1). The methods table is also what discovery
// advertises as *_endpoint_auth_methods_supported.
import { recordFacts } from '../../activity/request-activity.js';
import type { App } from '../../store/schema.js';
import { AssertionError, verifyJwtAssertion } from '../assertions/verify-jwt-assertion.js';
import { invalidClient, invalidRequest } from '../errors.js';
import type { ProviderDeps } from '../provider-deps.js';
import type { ClientCredentials } from './client-credentials.js';
import { isSameSecret } from './compare-secret.js';

/** Wire names of the methods, in discovery order, and the store's name for each. */
export const CLIENT_AUTH_METHODS = {
  none: 'none',
  client_secret_basic: 'basic',
  client_secret_post: 'post',
  private_key_jwt: 'privateKeyJwt',
} as const;

export type AuthMethodName = keyof typeof CLIENT_AUTH_METHODS;

export interface AuthenticatedClient {
  app: App;
  method: AuthMethodName;
}

/** An app can act only while it, its project and the project's org are active. */
export function isAppActive(app: App, deps: ProviderDeps): boolean {
  const project = deps.store.index.projectsById.get(app.projectId);
  const org = project && deps.store.index.orgsById.get(project.orgId);
  return app.state === 'active' && project?.state === 'active' && org?.state === 'active';
}

async function clientIdFromAssertion(assertion: string, deps: ProviderDeps): Promise<string> {
  try {
    const claims = await verifyJwtAssertion(assertion, {
      issuer: deps.issuer,
      now: Math.floor(deps.clock.now() / 1000),
      keysOf: (iss) => deps.store.index.appsByClientId.get(iss)?.keys,
    });
    return claims.iss;
  } catch (err) {
    if (err instanceof AssertionError) throw invalidClient('invalid assertion', { detail: err.message });
    throw err;
  }
}

export async function authenticateClient(creds: ClientCredentials, deps: ProviderDeps): Promise<AuthenticatedClient> {
  const result = await authenticateApp(creds, deps);
  recordFacts(deps, { clientAuth: `${result.method} (${result.app.name})` });
  return result;
}

async function authenticateApp(creds: ClientCredentials, deps: ProviderDeps): Promise<AuthenticatedClient> {
  if (creds.clientId === undefined && creds.assertion === undefined) {
    throw invalidRequest('client_id or client_assertion must be provided');
  }
  const assertedId = creds.assertion === undefined ? undefined : await clientIdFromAssertion(creds.assertion, deps);
  const clientId = assertedId ?? creds.clientId ?? '';
  recordFacts(deps, { clientId });
  const app = deps.store.index.appsByClientId.get(clientId);
  if (!app?.oidc || !isAppActive(app, deps)) {
    throw invalidClient('no active client not found', { detail: `no active OIDC app has client_id ${clientId}` });
  }
  switch (app.oidc.authMethod) {
    case 'none':
      return { app, method: 'none' };
    case 'privateKeyJwt':
      if (assertedId === undefined) throw invalidClient('empty client assertion', { detail: `app ${app.name} uses private_key_jwt` });
      return { app, method: 'private_key_jwt' };
    case 'basic':
    case 'post': {
      // ZITADEL accepts the secret by either transport whichever method the app names.
      if (!creds.clientSecret) throw invalidClient('empty client secret', { detail: `app ${app.name} needs its client secret` });
      if (!app.clientSecret || !isSameSecret(creds.clientSecret, app.clientSecret)) {
        throw invalidClient('invalid secret', { detail: `wrong client secret for app ${app.name}` });
      }
      return { app, method: creds.transport === 'post' ? 'client_secret_post' : 'client_secret_basic' };
    }
  }
}
