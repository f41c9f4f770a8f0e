// Deleting an entity removes what cannot exist without it, as ZITADEL does: an org takes its
// projects (with their apps and grants), the project grants it received, and its users (with
// their grants); a project its apps and grants; a project grant the user grants made through
// it; a user its grants and its group memberships; an org its groups, v1 actions and flows; a
// target leaves the executions naming it, an action the flows naming it.
import type { Collection } from '../../common/admin-api.js';
import type { StoreData } from '../store/schema.js';
import { deleteActionEntity, dropActionsOfDeletedOrgs } from './cascade-actions.js';

export function deleteWithCascade(draft: StoreData, collection: Collection, id: string): void {
  const projectIds = new Set<string>();
  const userIds = new Set<string>();
  switch (collection) {
    case 'orgs':
      draft.orgs = draft.orgs.filter((o) => o.id !== id);
      draft.projectGrants = draft.projectGrants.filter((g) => g.grantedOrgId !== id);
      for (const p of draft.projects) if (p.orgId === id) projectIds.add(p.id);
      for (const u of draft.users) if (u.orgId === id) userIds.add(u.id);
      break;
    case 'projects':
      projectIds.add(id);
      break;
    case 'users':
      userIds.add(id);
      break;
    case 'apps':
      draft.apps = draft.apps.filter((a) => a.id !== id);
      return;
    case 'userGrants':
      draft.userGrants = draft.userGrants.filter((g) => g.id !== id);
      return;
    case 'groups':
      draft.groups = draft.groups.filter((g) => g.id !== id);
      return;
    case 'projectGrants':
      draft.projectGrants = draft.projectGrants.filter((g) => g.id !== id);
      break;
    case 'targets':
    case 'actions':
      deleteActionEntity(draft, collection, id);
      return;
  }
  dropActionsOfDeletedOrgs(draft);
  draft.projectGrants = draft.projectGrants.filter((g) => !projectIds.has(g.projectId));
  draft.projects = draft.projects.filter((p) => !projectIds.has(p.id));
  draft.apps = draft.apps.filter((a) => !projectIds.has(a.projectId));
  draft.users = draft.users.filter((u) => !userIds.has(u.id));
  if (collection === 'orgs') draft.groups = draft.groups.filter((g) => g.orgId !== id);
  if (userIds.size > 0) {
    for (const group of draft.groups) group.userIds = group.userIds.filter((u) => !userIds.has(u));
  }
  const projectGrantIds = new Set(draft.projectGrants.map((g) => g.id));
  draft.userGrants = draft.userGrants.filter(
    (g) =>
      !projectIds.has(g.projectId) &&
      !userIds.has(g.userId) &&
      (g.projectGrantId === undefined || projectGrantIds.has(g.projectGrantId)),
  );
}
