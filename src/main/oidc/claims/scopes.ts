// Which requested scopes ZITADEL keeps, and readers for the reserved `urn:zitadel:iam:…` scopes
// (reference §2). Unknown scopes are dropped silently, as ZITADEL does.
import type { Project } from '../../store/schema.js';

export const STANDARD_SCOPES = ['openid', 'profile', 'email', 'phone', 'address', 'offline_access'] as const;

export const SCOPE_PROJECT_ROLE_PREFIX = 'urn:zitadel:iam:org:project:role:';
export const SCOPE_PROJECTS_ROLES = 'urn:zitadel:iam:org:projects:roles';
export const SCOPE_PROJECT_AUD_PREFIX = 'urn:zitadel:iam:org:project:id:';
export const SCOPE_PROJECT_AUD_SUFFIX = ':aud';
export const SCOPE_ORG_ID_PREFIX = 'urn:zitadel:iam:org:id:';
export const SCOPE_ORG_DOMAIN_PREFIX = 'urn:zitadel:iam:org:domain:primary:';
export const SCOPE_ROLES_ORG_PREFIX = 'urn:zitadel:iam:org:roles:id:';
export const SCOPE_IDP_PREFIX = 'urn:zitadel:iam:org:idp:id:';
export const SCOPE_USER_METADATA = 'urn:zitadel:iam:user:metadata';
export const SCOPE_USER_RESOURCEOWNER = 'urn:zitadel:iam:user:resourceowner';
/** The names of the user's groups (ZITADEL ScopeUserGroups). */
export const SCOPE_GROUPS = 'groups';
/** The ids and names of the user's groups (ZITADEL ScopeCustomUserGroups). */
export const SCOPE_USER_GROUPS = 'urn:zitadel:iam:user:groups';
/** `…:project:id:zitadel:aud` names the instance's own ZITADEL project. */
export const ZITADEL_PROJECT_ALIAS = 'zitadel';

const FIXED_SCOPES: ReadonlySet<string> = new Set([
  ...STANDARD_SCOPES,
  SCOPE_PROJECTS_ROLES,
  SCOPE_USER_METADATA,
  SCOPE_USER_RESOURCEOWNER,
  SCOPE_GROUPS,
  SCOPE_USER_GROUPS,
]);

/** Suffix after `prefix` (and before `suffix`), or undefined when it does not match or is empty. */
function cutScope(scope: string, prefix: string, suffix = ''): string | undefined {
  if (scope.length <= prefix.length + suffix.length) return undefined;
  if (!scope.startsWith(prefix) || !scope.endsWith(suffix)) return undefined;
  return scope.slice(prefix.length, scope.length - suffix.length);
}

function collect(scopes: readonly string[], read: (scope: string) => string | undefined): string[] {
  const out: string[] = [];
  for (const scope of scopes) {
    const value = read(scope);
    if (value !== undefined && !out.includes(value)) out.push(value);
  }
  return out;
}

export function readRoleKeyOfScope(scope: string): string | undefined {
  return cutScope(scope, SCOPE_PROJECT_ROLE_PREFIX);
}

/** Raw project id of an aud scope; `zitadel` is returned as is. */
export function readAudProjectOfScope(scope: string): string | undefined {
  const id = cutScope(scope, SCOPE_PROJECT_AUD_PREFIX, SCOPE_PROJECT_AUD_SUFFIX);
  return id !== undefined && !id.includes(':') ? id : undefined;
}

function isReservedScope(scope: string): boolean {
  return (
    readAudProjectOfScope(scope) !== undefined ||
    cutScope(scope, SCOPE_ORG_ID_PREFIX) !== undefined ||
    cutScope(scope, SCOPE_ORG_DOMAIN_PREFIX) !== undefined ||
    cutScope(scope, SCOPE_ROLES_ORG_PREFIX) !== undefined ||
    cutScope(scope, SCOPE_IDP_PREFIX) !== undefined
  );
}

/**
 * Keeps standard and reserved scopes and role scopes naming a role of `project`; any role key
 * when `project` is undefined (service users, reference §4.4). Order kept, duplicates removed.
 */
export function filterRequestedScopes(requested: readonly string[], project: Project | undefined): string[] {
  const roleKeys = project ? new Set(project.roles.map((r) => r.key)) : undefined;
  const kept: string[] = [];
  for (const scope of requested) {
    if (kept.includes(scope)) continue;
    const roleKey = readRoleKeyOfScope(scope);
    const keep =
      roleKey !== undefined
        ? roleKeys === undefined || roleKeys.has(roleKey)
        : FIXED_SCOPES.has(scope) || isReservedScope(scope);
    if (keep) kept.push(scope);
  }
  return kept;
}

/** Role key scopes ZITADEL appends when projectRoleAssertion is on and none were asked (§2). */
export function addRoleAssertionScopes(scopes: readonly string[], project: Project | undefined): string[] {
  const out = [...scopes];
  if (!project?.projectRoleAssertion || readRequestedRoleKeys(scopes).length > 0) return out;
  for (const role of project.roles) {
    const scope = `${SCOPE_PROJECT_ROLE_PREFIX}${role.key}`;
    if (!out.includes(scope)) out.push(scope);
  }
  return out;
}

/** The scopes an app's user login is granted: unknown ones dropped, role assertion applied. */
export function grantAppScopes(requested: readonly string[], project: Project | undefined): string[] {
  return addRoleAssertionScopes(filterRequestedScopes(requested, project), project);
}

/** Service-user grants silently drop org scopes naming another org (reference §2, §4.4). */
export function removeForeignOrgScopes(
  scopes: readonly string[],
  org: { id: string; primaryDomain: string } | undefined,
): string[] {
  return scopes.filter((scope) => {
    const orgId = cutScope(scope, SCOPE_ORG_ID_PREFIX);
    if (orgId !== undefined) return orgId === org?.id;
    const domain = cutScope(scope, SCOPE_ORG_DOMAIN_PREFIX);
    if (domain !== undefined) return domain.toLowerCase() === org?.primaryDomain.toLowerCase();
    return true;
  });
}

export function readRequestedRoleKeys(scopes: readonly string[]): string[] {
  return collect(scopes, readRoleKeyOfScope);
}

/** Project ids of `…:project:id:{id}:aud` scopes, with `zitadel` mapped to `zitadelProjectId`. */
export function readAudienceProjectIds(scopes: readonly string[], zitadelProjectId: string): string[] {
  return collect(scopes, (scope) => {
    const id = readAudProjectOfScope(scope);
    return id === ZITADEL_PROJECT_ALIAS ? zitadelProjectId : id;
  });
}

/** First `urn:zitadel:iam:org:id:{orgId}` scope (the authorize endpoint rejects conflicting ones). */
export function readOrgIdScope(scopes: readonly string[]): string | undefined {
  return collect(scopes, (s) => cutScope(s, SCOPE_ORG_ID_PREFIX))[0];
}

export function readPrimaryDomainScope(scopes: readonly string[]): string | undefined {
  return collect(scopes, (s) => cutScope(s, SCOPE_ORG_DOMAIN_PREFIX))[0];
}

/** Org ids of `urn:zitadel:iam:org:roles:id:{orgId}` scopes; empty means "no filter". */
export function readRoleOrgFilter(scopes: readonly string[]): string[] {
  return collect(scopes, (s) => cutScope(s, SCOPE_ROLES_ORG_PREFIX));
}

export function hasRoleScope(scopes: readonly string[]): boolean {
  return scopes.includes(SCOPE_PROJECTS_ROLES) || readRequestedRoleKeys(scopes).length > 0;
}
