// AddUserGrant — POST /management/v1/users/{user_id}/grants (reference §6.2). The context org
// owns the grant and must own the project or hold the project grant named.
import { ManagementService } from '@zitadel/proto/zitadel/management_pb.js';
import { defineRpc } from '../rpc.js';
import { lengthViolation, throwFirst } from '../user-v2/field-checks.js';
import { prepareUserGrant } from './prepare-user-grant.js';

export const addUserGrant = defineRpc({
  method: ManagementService.method.addUserGrant,
  async run(req, call) {
    throwFirst(
      lengthViolation('AddUserGrantRequest', 'UserId', req.userId, 1, 200),
      lengthViolation('AddUserGrantRequest', 'ProjectId', req.projectId, 1, 200),
    );
    const orgId = call.contextOrgId();
    call.require('user.grant.write', orgId, 'interceptor');
    const grant = prepareUserGrant(call, orgId, { userId: req.userId ?? '', projectId: req.projectId ?? '', projectGrantId: req.projectGrantId, roleKeys: req.roleKeys ?? [] }, false);
    const now = call.now();
    await call.commit((draft) => void draft.userGrants.push(grant));
    return { userGrantId: grant.id, details: { sequence: String(call.deps.store.revision), creationDate: now.toISOString(), resourceOwner: orgId } };
  },
});
