// UpdateAuthorization (reference §7): replaces the roles; the same roles again is a 200.
import { AuthorizationService } from '@zitadel/proto/zitadel/authorization/v2beta/authorization_service_pb.js';
import { invalidArgument, notFound } from '../api-error.js';
import { grantOwnerOrgId } from '../management/grant-json.js';
import { defineRpc } from '../rpc.js';

export const updateAuthorization = defineRpc({
  method: AuthorizationService.method.updateAuthorization,
  async run(req, call) {
    const { store } = call.deps;
    const grant = store.data.userGrants.find((g) => g.id === req.id);
    const orgId = grant && grantOwnerOrgId(store.data, grant);
    if (!grant || orgId === undefined) throw notFound('User grant not found', { id: 'COMMAND-1My0t', key: 'Errors.UserGrant.NotFound' });
    call.require('user.grant.write', orgId);
    const roleKeys = [...new Set(req.roleKeys ?? [])];
    const project = store.index.projectsById.get(grant.projectId);
    const projectGrant = grant.projectGrantId === undefined ? undefined : store.index.projectGrantsById.get(grant.projectGrantId);
    const allowed = new Set(projectGrant ? projectGrant.roleKeys : (project?.roles ?? []).map((r) => r.key));
    if (roleKeys.some((k) => !allowed.has(k))) throw invalidArgument('Errors.Project.Role.NotFound', { id: 'COMMAND-mm9F4' });
    const now = call.now();
    await call.commit((draft) => {
      const stored = draft.userGrants.find((g) => g.id === grant.id);
      if (stored) stored.roleKeys = roleKeys;
    });
    return { changeDate: now.toISOString() };
  },
});
