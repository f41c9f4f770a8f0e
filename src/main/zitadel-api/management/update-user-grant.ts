// UpdateUserGrant — PUT /management/v1/users/{user_id}/grants/{grant_id} (reference §6.2):
// replaces the roles; the same roles again is a 400.
import { ManagementService } from '@zitadel/proto/zitadel/management_pb.js';
import { invalidArgument } from '../api-error.js';
import { defineRpc } from '../rpc.js';
import { findOwnedGrant } from './find-owned-grant.js';
import { assertRolesGrantable } from './prepare-user-grant.js';

export const updateUserGrant = defineRpc({
  method: ManagementService.method.updateUserGrant,
  async run(req, call) {
    const orgId = call.contextOrgId();
    call.require('user.grant.write', orgId, 'interceptor');
    const grant = findOwnedGrant(call, req.grantId, orgId);
    const roleKeys = [...new Set(req.roleKeys ?? [])];
    if ([...roleKeys].sort().join('\n') === [...grant.roleKeys].sort().join('\n')) {
      throw invalidArgument('User grant has not been changed', { id: 'COMMAND-Rs8fy', key: 'Errors.UserGrant.NotChanged' });
    }
    const { store } = call.deps;
    assertRolesGrantable(store, grant, roleKeys);
    const now = call.now();
    await call.commit((draft) => {
      const stored = draft.userGrants.find((g) => g.id === grant.id);
      if (stored) stored.roleKeys = roleKeys;
    });
    return { details: { sequence: String(store.revision), changeDate: now.toISOString(), resourceOwner: orgId } };
  },
});
