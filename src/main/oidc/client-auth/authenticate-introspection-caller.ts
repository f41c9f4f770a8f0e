// Who may call /oauth/v2/introspect (reference §5): API apps (secret or private_key_jwt) and
// OIDC apps that have a secret or keys. ZITADEL answers every caller problem after the first
// two checks with a bare `unauthorized_client`, not invalid_client.
import { recordFacts } from '../../activity/request-activity.js';
import type { Params } from '../../http/read-params.js';
import type { App } from '../../store/schema.js';
import { AssertionError, verifyJwtAssertion } from '../assertions/verify-jwt-assertion.js';
import { invalidClient, invalidRequest, unauthorizedClient } from '../errors.js';
import type { ProviderDeps } from '../provider-deps.js';
import { isAppActive } from './authenticate-client.js';
import { readClientCredentials } from './client-credentials.js';
import { isSameSecret } from './compare-secret.js';

function usesKeys(app: App): boolean {
  return (app.api?.authMethod ?? app.oidc?.authMethod) === 'privateKeyJwt';
}

export async function authenticateIntrospectionCaller(params: Params, authorization: string, deps: ProviderDeps): Promise<App> {
  const creds = readClientCredentials(params, authorization);
  if (creds.clientId === undefined && creds.assertion === undefined) {
    throw invalidRequest('client_id or client_assertion must be provided');
  }
  if (creds.assertion === undefined && !creds.clientSecret) throw invalidClient('client must be authenticated');

  const { index } = deps.store;
  let clientId = creds.clientId ?? '';
  if (creds.assertion !== undefined) {
    try {
      const claims = await verifyJwtAssertion(creds.assertion, {
        issuer: deps.issuer,
        now: Math.floor(deps.clock.now() / 1000),
        keysOf: (iss) => index.appsByClientId.get(iss)?.keys,
      });
      clientId = claims.iss;
    } catch (err) {
      if (err instanceof AssertionError) throw unauthorizedClient(undefined, { detail: `invalid client assertion: ${err.message}` });
      throw err;
    }
  }
  const app = index.appsByClientId.get(clientId);
  recordFacts(deps, { clientAuth: `${creds.assertion === undefined ? 'client_secret' : 'private_key_jwt'} (${app?.name ?? clientId})` });
  if (!app || !isAppActive(app, deps)) throw unauthorizedClient(undefined, { detail: `no active app has client_id ${clientId}` });
  if (creds.assertion !== undefined) {
    if (!usesKeys(app)) throw unauthorizedClient(undefined, { detail: `app ${app.name} does not use private_key_jwt` });
    return app;
  }
  if (!app.clientSecret) throw unauthorizedClient(undefined, { detail: `app ${app.name} has no client secret` });
  if (!isSameSecret(creds.clientSecret ?? '', app.clientSecret)) {
    throw unauthorizedClient(undefined, { detail: `wrong client secret for app ${app.name}` });
  }
  return app;
}
