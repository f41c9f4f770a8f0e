// What every grant of the token endpoint looks like, and the step most of them share:
// authenticate the app and check that the grant is enabled for it (reference §4).
import type { Context } from 'koa';
import type { Params } from '../../http/read-params.js';
import type { App } from '../../store/schema.js';
import { authenticateClient } from '../client-auth/authenticate-client.js';
import { readClientCredentials } from '../client-auth/client-credentials.js';
import { unauthorizedClient } from '../errors.js';
import type { ProviderDeps } from '../provider-deps.js';

export type AppGrantType = NonNullable<App['oidc']>['grantTypes'][number];

export interface GrantRequest {
  params: Params;
  ctx: Context;
  deps: ProviderDeps;
}

export interface Grant {
  /** The grant_type value on the wire. */
  type: string;
  /** Listed in discovery's grant_types_supported (token exchange is not, like ZITADEL). */
  advertised: boolean;
  handle(req: GrantRequest): Promise<object>;
}

export async function authenticateForGrant(req: GrantRequest, grantType: AppGrantType, wireName: string): Promise<App> {
  const { app } = await authenticateClient(readClientCredentials(req.params, req.ctx.get('Authorization')), req.deps);
  if (!app.oidc?.grantTypes.includes(grantType)) {
    throw unauthorizedClient(`grant_type "${wireName}" not allowed`, { detail: `app ${app.name} does not have grant type ${grantType}` });
  }
  return app;
}
