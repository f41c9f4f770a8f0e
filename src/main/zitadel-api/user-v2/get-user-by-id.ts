// GetUserByID — GET /v2/users/{user_id} (reference §5.2): `user.read` on the user's org, or self.
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import { userDetails } from '../details.js';
import { defineRpc } from '../rpc.js';
import { findUser, requireOnUser } from './find-user.js';
import { userToJson } from './user-json.js';

export const getUserById = defineRpc({
  method: UserService.method.getUserByID,
  async run(req, call) {
    const user = findUser(call, req.userId, 'QUERY-Dfbg2');
    requireOnUser(call, 'user.read', user);
    return { details: userDetails(call.deps.store, user), user: userToJson(call.deps.store, user) };
  },
});
