// Scope handling shared by the service-user grants (client_credentials, jwt-bearer; reference
// §4.4, §4.5): a scope is required, any role key is accepted, org scopes naming another org are
// dropped silently, and the audience comes only from `…:project:id:{id}:aud` scopes.
import { checkScopes } from '../../doctor/scope-checks.js';
import type { User } from '../../store/schema.js';
import { serviceUserAudience } from '../claims/audience.js';
import { filterRequestedScopes, removeForeignOrgScopes } from '../claims/scopes.js';
import { requireScopes } from '../space-delimited.js';
import type { ProviderDeps } from '../provider-deps.js';


export interface ServiceUserGrantScopes {
  scopes: string[];
  audience: string[];
}

export function readServiceUserScopes(raw: string | undefined, user: User, deps: ProviderDeps): ServiceUserGrantScopes {
  const requested = requireScopes(raw);
  const org = deps.store.index.orgsById.get(user.orgId);
  const known = filterRequestedScopes(requested, undefined);
  checkScopes(deps, deps.store.index, requested, known, undefined);
  const scopes = removeForeignOrgScopes(known, org);
  const { accessToken } = serviceUserAudience({ scopes, clientId: user.userName, zitadelProjectId: deps.store.data.instance.id });
  return { scopes, audience: accessToken };
}
