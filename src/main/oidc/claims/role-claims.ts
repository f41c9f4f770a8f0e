// Role claims `urn:zitadel:iam:org:project:roles` / `…:project:{id}:roles` (reference §3.2):
// role audience per Z `userinfo.go` `prepareRoles`, shape `{roleKey: {orgId: primaryDomain}}`.
import type { Project, StoreData, User, UserGrant } from '../../store/schema.js';
import type { StoreIndex } from '../../store/store-index.js';
import type { Claims, ClaimsResult, JsonValue } from './claim-types.js';
import { createClaimCollector } from './claim-collector.js';
import {
  SCOPE_PROJECTS_ROLES,
  readAudienceProjectIds,
  readRequestedRoleKeys,
  readRoleOrgFilter,
} from './scopes.js';

export const CLAIM_OWN_PROJECT_ROLES = 'urn:zitadel:iam:org:project:roles';

export function buildProjectRolesClaimName(projectId: string): string {
  return `urn:zitadel:iam:org:project:${projectId}:roles`;
}

export interface RoleClaimsInput {
  data: StoreData;
  index: StoreIndex;
  user: User;
  scopes: readonly string[];
  /** The client's own project; undefined for service users (no `…:project:roles` then). */
  ownProjectId?: string | undefined;
  /** Introspection: only the own project, aud scopes ignored (Z `Introspect`). */
  currentProjectOnly?: boolean;
  /** Emit `…:project:roles` before the per-project claims (order of the §5 example). */
  ownClaimFirst?: boolean;
}

export interface RoleAudience {
  projectIds: string[];
  /** Why each project is in the role audience. */
  reasons: Map<string, string>;
  requestedRoleKeys: string[];
}

/** Which projects get role claims, per Z `prepareRoles` (reference §3.2 "Role audience rules"). */
export function selectRoleAudience(input: RoleClaimsInput): RoleAudience {
  const { data, index, scopes, ownProjectId, currentProjectOnly = false } = input;
  const requestedRoleKeys = readRequestedRoleKeys(scopes);
  const projectIds: string[] = [];
  const reasons = new Map<string, string>();
  const join = (id: string, why: string): void => {
    if (reasons.has(id)) return;
    projectIds.push(id);
    reasons.set(id, why);
  };
  const roleScope = requestedRoleKeys.length > 0 ? 'a role scope' : `scope "${SCOPE_PROJECTS_ROLES}"`;
  if (!currentProjectOnly && (requestedRoleKeys.length > 0 || scopes.includes(SCOPE_PROJECTS_ROLES))) {
    for (const id of readAudienceProjectIds(scopes, data.instance.id)) join(id, `aud scope of project ${id} with ${roleScope}`);
  }
  if (ownProjectId !== undefined) {
    const own = index.projectsById.get(ownProjectId);
    const name = own?.name ?? ownProjectId;
    if (currentProjectOnly) join(ownProjectId, `introspecting client's project ${name}`);
    else if (own?.projectRoleAssertion) join(ownProjectId, `project ${name}: projectRoleAssertion`);
    else if (requestedRoleKeys.length > 0 || projectIds.length > 0) join(ownProjectId, `client's project ${name} with ${roleScope}`);
  }
  return { projectIds, reasons, requestedRoleKeys };
}

type RoleMap = Map<string, Map<string, string>>;

function serializeRoles(roles: RoleMap): JsonValue {
  // Go marshals maps with sorted keys; sorting keeps the output stable the same way.
  const out: Record<string, Record<string, string>> = {};
  for (const key of [...roles.keys()].sort()) {
    const orgs = roles.get(key) ?? new Map<string, string>();
    out[key] = Object.fromEntries([...orgs.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
  return out;
}

interface ProjectRoles {
  roles: RoleMap;
  grantIds: string[];
  /** Why nothing was emitted, when `roles` is empty. */
  missing: string;
}

function collectProjectRoles(input: RoleClaimsInput, project: Project | undefined, projectId: string, requested: readonly string[]): ProjectRoles {
  const name = project?.name ?? projectId;
  const roles: RoleMap = new Map();
  const grantIds: string[] = [];
  if (!project) return { roles, grantIds, missing: `project ${projectId} is not in the store` };
  if (input.user.state !== 'active') return { roles, grantIds, missing: 'user is not active' };
  const grants = (input.index.grantsByUserId.get(input.user.id) ?? []).filter((g) => g.projectId === projectId);
  const active = grants.filter((g) => g.state === 'active');
  // The granting org is the project's owner, or the org a project grant shared it with.
  const grantingOrgOf = (grant: UserGrant): string =>
    (grant.projectGrantId === undefined ? undefined : input.index.projectGrantsById.get(grant.projectGrantId)?.grantedOrgId) ?? project.orgId;
  const orgFilter = readRoleOrgFilter(input.scopes);
  const allowed = active.filter((g) => orgFilter.length === 0 || orgFilter.includes(grantingOrgOf(g)));
  for (const grant of allowed) {
    const keys = grant.roleKeys.filter((k) => requested.length === 0 || requested.includes(k));
    if (keys.length > 0) grantIds.push(grant.id);
    const orgId = grantingOrgOf(grant);
    for (const key of keys) {
      const orgs = roles.get(key) ?? new Map<string, string>();
      orgs.set(orgId, input.index.orgsById.get(orgId)?.primaryDomain ?? '');
      roles.set(key, orgs);
    }
  }
  let missing = '';
  if (grants.length === 0) missing = `no user grant in project ${name}`;
  else if (active.length === 0) missing = `user grants in project ${name} are inactive`;
  else if (allowed.length === 0) {
    const from = [...new Set(active.map(grantingOrgOf))].join(', ');
    missing = `grants in project ${name} come from org ${from}, not from the roles:id scope orgs ${orgFilter.join(', ')}`;
  }
  else if (roles.size === 0) missing = `no role granted in project ${name} matches the requested roles ${requested.join(', ')}`;
  return { roles, grantIds, missing };
}

/** Role claims for every project in the role audience; omitted (with a note) when empty. */
export function buildRoleClaims(input: RoleClaimsInput): ClaimsResult<Claims> {
  const out = createClaimCollector();
  const audience = selectRoleAudience(input);
  const { ownProjectId } = input;
  // Z `assertRoles`: nothing unless roles were requested for a client project or an audience exists.
  if (audience.projectIds.length === 0) return out.finish();
  const results = audience.projectIds.map((projectId) => {
    const project = input.index.projectsById.get(projectId);
    return { projectId, project, ...collectProjectRoles(input, project, projectId, audience.requestedRoleKeys) };
  });
  const emitOwn = (): void => {
    const own = results.find((r) => r.projectId === ownProjectId);
    if (!own) return;
    if (own.roles.size === 0) out.skip(CLAIM_OWN_PROJECT_ROLES, own.missing);
    else out.add(CLAIM_OWN_PROJECT_ROLES, serializeRoles(own.roles), describeGrants(own.grantIds, own.project, audience.reasons.get(own.projectId)));
  };
  if (input.ownClaimFirst) emitOwn();
  for (const r of results) {
    const claim = buildProjectRolesClaimName(r.projectId);
    if (r.roles.size === 0) out.skip(claim, r.missing);
    else out.add(claim, serializeRoles(r.roles), describeGrants(r.grantIds, r.project, audience.reasons.get(r.projectId)));
  }
  if (!input.ownClaimFirst) emitOwn();
  return out.finish();
}

function describeGrants(grantIds: readonly string[], project: Project | undefined, reason: string | undefined): string {
  const label = grantIds.length === 1 ? 'user grant' : 'user grants';
  return `${label} ${grantIds.join(', ')} (project ${project?.name ?? '?'}); ${reason ?? 'role audience'}`;
}
