// ReactivateUser — POST /v2/users/{user_id}/reactivate (reference §5.5).
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import { failedPrecondition } from '../api-error.js';
import { changeDetails } from '../details.js';
import { defineRpc } from '../rpc.js';
import { findUser, requireOnUser } from './find-user.js';
import { setUserState } from './set-user-state.js';

export const reactivateUser = defineRpc({
  method: UserService.method.reactivateUser,
  async run(req, call) {
    const user = findUser(call, req.userId, 'COMMAND-9hy5kzbuk6');
    if (user.state !== 'inactive') throw failedPrecondition('User is not inactive', { id: 'COMMAND-s5qqcz97hf', key: 'Errors.User.NotInactive' });
    requireOnUser(call, 'user.write', user);
    const now = await setUserState(call, user.id, 'active');
    return { details: changeDetails(call.deps.store, user.orgId, now) };
  },
});
