// CreateAuthorization (reference §7; v2beta, and v2 through authorization-v2-rpcs.ts): a user
// grant owned by `organizationId`; needs user.grant.write there.
import { AuthorizationService } from '@zitadel/proto/zitadel/authorization/v2beta/authorization_service_pb.js';
import { invalidArgument } from '../api-error.js';
import { prepareUserGrant } from '../management/prepare-user-grant.js';
import { defineRpc } from '../rpc.js';
import { lengthViolation, throwFirst } from '../user-v2/field-checks.js';

export const createAuthorization = defineRpc({
  method: AuthorizationService.method.createAuthorization,
  async run(req, call) {
    throwFirst(
      lengthViolation('CreateAuthorizationRequest', 'UserId', req.userId, 1, 200),
      lengthViolation('CreateAuthorizationRequest', 'ProjectId', req.projectId, 1, 200),
      lengthViolation('CreateAuthorizationRequest', 'OrganizationId', req.organizationId, 1, 200),
    );
    const keys = req.roleKeys ?? [];
    if (new Set(keys).size !== keys.length) throw invalidArgument('invalid CreateAuthorizationRequest.RoleKeys: repeated value must contain unique items');
    const orgId = req.organizationId ?? '';
    call.require('user.grant.write', orgId);
    const grant = prepareUserGrant(call, orgId, { userId: req.userId ?? '', projectId: req.projectId ?? '', roleKeys: keys }, true);
    const now = call.now();
    await call.commit((draft) => void draft.userGrants.push(grant));
    return { id: grant.id, creationDate: now.toISOString() };
  },
});
