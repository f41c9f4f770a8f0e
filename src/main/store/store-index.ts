// Lookup tables the provider reads on every request, rebuilt once per store change so no
// request path scans the whole store.
import type { App, Group, Org, Project, ProjectGrant, StoreData, User, UserGrant } from './schema.js';

export type PersonalAccessToken = NonNullable<User['machine']>['personalAccessTokens'][number];

export interface StoreIndex {
  readonly orgsById: ReadonlyMap<string, Org>;
  readonly orgsByDomain: ReadonlyMap<string, Org>;
  readonly projectsById: ReadonlyMap<string, Project>;
  readonly appsById: ReadonlyMap<string, App>;
  readonly appsByClientId: ReadonlyMap<string, App>;
  readonly appsByProjectId: ReadonlyMap<string, readonly App[]>;
  readonly usersById: ReadonlyMap<string, User>;
  /** Lower-cased login name (see loginNamesOf) → user. */
  readonly usersByLoginName: ReadonlyMap<string, User>;
  readonly usersByOrgId: ReadonlyMap<string, readonly User[]>;
  readonly grantsByUserId: ReadonlyMap<string, readonly UserGrant[]>;
  readonly projectGrantsById: ReadonlyMap<string, ProjectGrant>;
  readonly projectGrantsByProjectId: ReadonlyMap<string, readonly ProjectGrant[]>;
  /** User id → the groups it is a member of, in store order. */
  readonly groupsByUserId: ReadonlyMap<string, readonly Group[]>;
  /** Personal access token string → its service user and entry. */
  readonly personalAccessTokens: ReadonlyMap<string, { user: User; pat: PersonalAccessToken }>;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function groupMembers(groups: readonly Group[]): Map<string, Group[]> {
  const out = new Map<string, Group[]>();
  for (const group of groups) {
    for (const userId of new Set(group.userIds)) out.set(userId, [...(out.get(userId) ?? []), group]);
  }
  return out;
}

/**
 * Login names per ZITADEL (reference §3.5): the bare user name unless the domain policy says
 * user names must carry the org domain; `user@primaryDomain` is accepted either way at login.
 */
export function loginNamesOf(user: User, org: Org | undefined, mustBeDomain: boolean): string[] {
  const withDomain = org ? `${user.userName}@${org.primaryDomain}` : undefined;
  if (mustBeDomain) return withDomain ? [withDomain] : [user.userName];
  return withDomain ? [user.userName, withDomain] : [user.userName];
}

export function buildStoreIndex(data: StoreData): StoreIndex {
  const orgsById = new Map(data.orgs.map((o) => [o.id, o]));
  const usersByLoginName = new Map<string, User>();
  const mustBeDomain = data.instance.domainPolicy.userLoginMustBeDomain;
  for (const user of data.users) {
    for (const name of loginNamesOf(user, orgsById.get(user.orgId), mustBeDomain)) {
      usersByLoginName.set(name.toLowerCase(), user);
    }
  }
  return {
    orgsById,
    orgsByDomain: new Map(data.orgs.map((o) => [o.primaryDomain.toLowerCase(), o])),
    projectsById: new Map(data.projects.map((p) => [p.id, p])),
    appsById: new Map(data.apps.map((a) => [a.id, a])),
    appsByClientId: new Map(data.apps.map((a) => [a.clientId, a])),
    appsByProjectId: groupBy(data.apps, (a) => a.projectId),
    usersById: new Map(data.users.map((u) => [u.id, u])),
    usersByLoginName,
    usersByOrgId: groupBy(data.users, (u) => u.orgId),
    grantsByUserId: groupBy(data.userGrants, (g) => g.userId),
    projectGrantsById: new Map(data.projectGrants.map((g) => [g.id, g])),
    projectGrantsByProjectId: groupBy(data.projectGrants, (g) => g.projectId),
    groupsByUserId: groupMembers(data.groups),
    personalAccessTokens: new Map(
      data.users.flatMap((user) => (user.machine?.personalAccessTokens ?? []).map((pat) => [pat.token, { user, pat }] as const)),
    ),
  };
}
