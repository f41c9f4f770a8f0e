// What a Complement Token hook knows about the request it runs for: the user, the client, the
// claims built so far and the projects whose user grants are loaded (reference
// zitadel-actions.md §1: only projects in the role audience, else no grants at all).
import type { Claims } from '../oidc/claims/claim-types.js';
import type { ExecutionFunction } from '../store/actions-schema.js';
import type { StoreData, User, UserGrant } from '../store/schema.js';
import type { StoreIndex } from '../store/store-index.js';

export interface HookSubject {
  fn: ExecutionFunction;
  data: StoreData;
  index: StoreIndex;
  user: User;
  /** The app's client id (introspection: the API app's; service users: their client id). */
  clientId: string;
  /** The claims built so far, without token metadata (`sub`, profile, reserved, roles). */
  userinfo: Claims;
  /** Projects in the role audience; `undefined` when no grants are loaded. */
  roleProjectIds: readonly string[] | undefined;
}

/** Go's zero `time.Time`, which ZITADEL sends for timestamps it did not load (§2.4). */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

/** RFC 3339 like Go's `time.Time` JSON (whole seconds carry no fraction). */
export function formatGoTime(unixSeconds: number | undefined): string {
  if (unixSeconds === undefined) return ZERO_TIME;
  return new Date(Math.floor(unixSeconds) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The user's active grants in the loaded projects (§1: only active grants are loaded). */
export function loadedGrants(subject: HookSubject): UserGrant[] | undefined {
  if (subject.roleProjectIds === undefined) return undefined;
  const projects = new Set(subject.roleProjectIds);
  return (subject.index.grantsByUserId.get(subject.user.id) ?? []).filter((g) => g.state === 'active' && projects.has(g.projectId));
}

/** The org that granted a user grant: the project's owner, or the org a project grant shared it with. */
export function grantingOrgId(subject: HookSubject, grant: UserGrant): string {
  const viaProjectGrant = grant.projectGrantId === undefined ? undefined : subject.index.projectGrantsById.get(grant.projectGrantId);
  return viaProjectGrant?.grantedOrgId ?? subject.index.projectsById.get(grant.projectId)?.orgId ?? '';
}
