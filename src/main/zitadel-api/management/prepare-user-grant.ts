// The checks of a new user grant shared by management v1 AddUserGrant and the authorization
// service's CreateAuthorization (reference §6.2, §7): the owning org must own the project or hold
// a project grant for it, roles must exist there, and the grant must not exist yet.
import { Code } from '@connectrpc/connect';
import type { UserGrant } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import type { ApiCall } from '../api-call.js';
import { alreadyExists, invalidArgument, userNotFound } from '../api-error.js';
import { grantOwnerOrgId } from './grant-json.js';

export interface NewGrantInput {
  userId: string;
  projectId: string;
  /** Empty: find the project grant of `orgId` itself when the org does not own the project. */
  projectGrantId?: string | undefined;
  roleKeys: readonly string[];
}

export function prepareUserGrant(call: ApiCall, orgId: string, input: NewGrantInput, findProjectGrant: boolean): UserGrant {
  const { store } = call.deps;
  // UNCONFIRMED id (reference §6.2 names only the text): docs/zitadel-api.md.
  if (!store.index.usersById.has(input.userId)) throw userNotFound('COMMAND-4Mfsd', Code.FailedPrecondition);
  const project = store.index.projectsById.get(input.projectId);
  let projectGrantId = input.projectGrantId || undefined;
  if (projectGrantId === undefined && findProjectGrant && project && project.orgId !== orgId) {
    projectGrantId = store.index.projectGrantsByProjectId.get(project.id)?.find((g) => g.grantedOrgId === orgId)?.id;
  }
  const projectGrant = projectGrantId === undefined ? undefined : store.index.projectGrantsById.get(projectGrantId);
  const owned = projectGrantId === undefined ? project?.orgId === orgId : projectGrant?.projectId === project?.id && projectGrant?.grantedOrgId === orgId;
  if (!project || !owned) throw invalidArgument('Project not found', { id: 'COMMAND-3n77S', key: 'Errors.Project.NotFound' });
  const roleKeys = [...new Set(input.roleKeys)];
  assertRolesGrantable(store, { projectId: project.id, projectGrantId }, roleKeys);
  const duplicate = store.data.userGrants.some(
    (g) => g.userId === input.userId && g.projectId === project.id && g.projectGrantId === projectGrantId && grantOwnerOrgId(store.data, g) === orgId,
  );
  if (duplicate) throw alreadyExists('User grant already exists', { id: 'V3-DKcYh', key: 'Errors.UserGrant.AlreadyExists' });
  return { id: call.deps.newId(), userId: input.userId, projectId: project.id, roleKeys, state: 'active', ...(projectGrantId !== undefined && { projectGrantId }) };
}

/** Every role must exist in the project, or in the project grant the user grant goes through. */
export function assertRolesGrantable(
  store: Store,
  grant: { projectId: string; projectGrantId?: string | undefined },
  roleKeys: readonly string[],
): void {
  const project = store.index.projectsById.get(grant.projectId);
  const projectGrant = grant.projectGrantId === undefined ? undefined : store.index.projectGrantsById.get(grant.projectGrantId);
  const allowed = new Set(projectGrant ? projectGrant.roleKeys : (project?.roles ?? []).map((r) => r.key));
  if (roleKeys.some((k) => !allowed.has(k))) throw invalidArgument('Errors.Project.Role.NotFound', { id: 'COMMAND-mm9F4' });
}
