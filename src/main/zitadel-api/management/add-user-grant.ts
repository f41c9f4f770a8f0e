// AddUserGrant — POST /management/v1/users/{user_id}/grants (reference §6.2). The context org
// owns the grant and must own the project or hold a project grant for it.
import { Code } from '@connectrpc/connect';
import { ManagementService } from '@zitadel/proto/zitadel/management_pb.js';
import type { UserGrant } from '../../store/schema.js';
import { alreadyExists, invalidArgument, userNotFound } from '../api-error.js';
import { defineRpc } from '../rpc.js';
import { lengthViolation, throwFirst } from '../user-v2/field-checks.js';
import { grantOwnerOrgId } from './grant-json.js';


export const addUserGrant = defineRpc({
  method: ManagementService.method.addUserGrant,
  async run(req, call) {
    throwFirst(
      lengthViolation('AddUserGrantRequest', 'UserId', req.userId, 1, 200),
      lengthViolation('AddUserGrantRequest', 'ProjectId', req.projectId, 1, 200),
    );
    const orgId = call.contextOrgId();
    call.require('user.grant.write', orgId, 'interceptor');
    const { store } = call.deps;
    const userId = req.userId ?? '';
    // UNCONFIRMED id (reference §6.2 names only the text): see README "What is not emulated".
    if (!store.index.usersById.has(userId)) throw userNotFound('COMMAND-4Mfsd', Code.FailedPrecondition);
    const project = store.index.projectsById.get(req.projectId ?? '');
    const projectGrantId = req.projectGrantId || undefined;
    const projectGrant = projectGrantId === undefined ? undefined : store.index.projectGrantsById.get(projectGrantId);
    const owned = projectGrantId === undefined ? project?.orgId === orgId : projectGrant?.projectId === project?.id && projectGrant?.grantedOrgId === orgId;
    if (!project || !owned) throw invalidArgument('Project not found', { id: 'COMMAND-3n77S', key: 'Errors.Project.NotFound' });
    const roleKeys = [...new Set(req.roleKeys ?? [])];
    const allowed = new Set(projectGrant ? projectGrant.roleKeys : project.roles.map((r) => r.key));
    if (roleKeys.some((k) => !allowed.has(k))) throw invalidArgument('Errors.Project.Role.NotFound', { id: 'COMMAND-mm9F4' });
    const duplicate = store.data.userGrants.some(
      (g) => g.userId === userId && g.projectId === project.id && g.projectGrantId === projectGrantId && grantOwnerOrgId(store.data, g) === orgId,
    );
    if (duplicate) throw alreadyExists('User grant already exists', { id: 'V3-DKcYh', key: 'Errors.UserGrant.AlreadyExists' });
    const grant: UserGrant = { id: call.deps.newId(), userId, projectId: project.id, roleKeys, state: 'active', ...(projectGrantId !== undefined && { projectGrantId }) };
    const now = call.now();
    await call.commit((draft) => void draft.userGrants.push(grant));
    return { userGrantId: grant.id, details: { sequence: String(store.revision), creationDate: now.toISOString(), resourceOwner: orgId } };
  },
});
