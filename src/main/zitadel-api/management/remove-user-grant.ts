// RemoveUserGrant — DELETE /management/v1/users/{user_id}/grants/{grant_id} (reference §6.2);
// the path's user id is ignored, as in ZITADEL.
import { ManagementService } from '@zitadel/proto/zitadel/management_pb.js';
import { defineRpc } from '../rpc.js';
import { findOwnedGrant } from './find-owned-grant.js';

export const removeUserGrant = defineRpc({
  method: ManagementService.method.removeUserGrant,
  async run(req, call) {
    const orgId = call.contextOrgId();
    call.require('user.grant.delete', orgId, 'interceptor');
    const grant = findOwnedGrant(call, req.grantId, orgId);
    const now = call.now();
    await call.commit((draft) => {
      draft.userGrants = draft.userGrants.filter((g) => g.id !== grant.id);
    });
    return { details: { sequence: String(call.deps.store.revision), changeDate: now.toISOString(), resourceOwner: orgId } };
  },
});
