// DeleteUser — DELETE /v2/users/{user_id} (reference §5.6): cascades to the user's grants and
// memberships like a console delete, frees the user name; a second delete is 404.
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import { deleteWithCascade } from '../../admin/cascade-delete.js';
import { changeDetails } from '../details.js';
import { defineRpc } from '../rpc.js';
import { findUser } from './find-user.js';

export const deleteUser = defineRpc({
  method: UserService.method.deleteUser,
  async run(req, call) {
    const user = findUser(call, req.userId, 'COMMAND-bd4ir1mblj');
    // Users may delete themselves (user.self.delete); everyone else needs user.delete.
    if (user.id !== call.caller.user.id) call.require('user.delete', user.orgId);
    const now = call.now();
    await call.commit((draft) => deleteWithCascade(draft, 'users', user.id));
    return { details: changeDetails(call.deps.store, user.orgId, now) };
  },
});
