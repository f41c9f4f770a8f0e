// UpdateAuthorization (reference §7): replaces the roles; the same roles again is a 200.
import { AuthorizationService } from '@zitadel/proto/zitadel/authorization/v2beta/authorization_service_pb.js';
import { notFound } from '../api-error.js';
import { grantOwnerOrgId } from '../management/grant-json.js';
import { defineRpc } from '../rpc.js';
import { assertRolesGrantable } from '../management/prepare-user-grant.js';

export const updateAuthorization = defineRpc({
  method: AuthorizationService.method.updateAuthorization,
  async run(req, call) {
    const { store } = call.deps;
    const grant = store.data.userGrants.find((g) => g.id === req.id);
    const orgId = grant && grantOwnerOrgId(store.data, grant);
    if (!grant || orgId === undefined) throw notFound('User grant not found', { id: 'COMMAND-1My0t', key: 'Errors.UserGrant.NotFound' });
    call.require('user.grant.write', orgId);
    const roleKeys = [...new Set(req.roleKeys ?? [])];
    assertRolesGrantable(store, grant, roleKeys);
    const now = call.now();
    await call.commit((draft) => {
      const stored = draft.userGrants.find((g) => g.id === grant.id);
      if (stored) stored.roleKeys = roleKeys;
    });
    return { changeDate: now.toISOString() };
  },
});
