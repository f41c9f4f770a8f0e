// Token audiences (reference §2 "Audience of a user session", §4.4): the project's client ids
// and id for user sessions; only aud-scope projects for service-user grants.
import type { App } from '../../store/schema.js';
import type { StoreIndex } from '../../store/store-index.js';
import { readAudienceProjectIds } from './scopes.js';

export interface SessionAudienceOptions {
  index: StoreIndex;
  app: App;
  scopes: readonly string[];
  /** The instance's ZITADEL project, target of `…:project:id:zitadel:aud` (pass `data.instance.id`). */
  zitadelProjectId: string;
}

function appendUnique(out: string[], values: readonly string[]): string[] {
  for (const value of values) if (!out.includes(value)) out.push(value);
  return out;
}

/** Every client id of the app's project, then the project id, then aud-scope projects. */
export function sessionAudience({ index, app, scopes, zitadelProjectId }: SessionAudienceOptions): string[] {
  const clientIds = (index.appsByProjectId.get(app.projectId) ?? [app]).map((a) => a.clientId);
  return appendUnique(appendUnique([], clientIds), [
    app.projectId,
    ...readAudienceProjectIds(scopes, zitadelProjectId),
  ]);
}

export interface ServiceUserAudienceOptions {
  scopes: readonly string[];
  /** The service user's login name, which is its client_id. */
  clientId: string;
  zitadelProjectId: string;
}

export interface ServiceUserAudience {
  /** Session / access-token audience: aud-scope projects only (may be empty). */
  accessToken: string[];
  /** ID-token audience: the same plus the client id (L `AppendClientIDToAudience`). */
  idToken: string[];
}

/** Audience of client_credentials and jwt-bearer tokens (reference §4.4, §4.5). */
export function serviceUserAudience({ scopes, clientId, zitadelProjectId }: ServiceUserAudienceOptions): ServiceUserAudience {
  const accessToken = readAudienceProjectIds(scopes, zitadelProjectId);
  return { accessToken, idToken: appendUnique([...accessToken], [clientId]) };
}

/** The ID token's audience always contains its own client id, appended last (L `AppendClientIDToAudience`). */
export function addClientIdToAudience(audience: readonly string[], clientId: string): string[] {
  return appendUnique(appendUnique([], audience), [clientId]);
}
