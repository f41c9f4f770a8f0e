// DeactivateUser — POST /v2/users/{user_id}/deactivate (reference §5.5): state checks come
// before the permission check, as in ZITADEL's command (FAILED_PRECONDITION, HTTP 400).
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import { failedPrecondition } from '../api-error.js';
import { changeDetails } from '../details.js';
import { defineRpc } from '../rpc.js';
import { findUser, requireOnUser } from './find-user.js';
import { setUserState } from './set-user-state.js';

export const deactivateUser = defineRpc({
  method: UserService.method.deactivateUser,
  async run(req, call) {
    const user = findUser(call, req.userId, 'COMMAND-5gp2p62iin');
    if (user.state === 'inactive') throw failedPrecondition('User already inactive', { id: 'COMMAND-5gunjw0cd7', key: 'Errors.User.AlreadyInactive' });
    requireOnUser(call, 'user.write', user);
    const now = await setUserState(call, user.id, 'inactive');
    return { details: changeDetails(call.deps.store, user.orgId, now) };
  },
});
