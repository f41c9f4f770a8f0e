// DeleteUserMetadata — DELETE /v2/users/{user_id}/metadata?keys=… (reference §5.8): every key
// must exist, else 404 META-2nnds and nothing is deleted.
import { Code } from '@connectrpc/connect';
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import { notFound } from '../api-error.js';
import { defineRpc } from '../rpc.js';
import { findUser, requireOnUser } from './find-user.js';

export const deleteUserMetadata = defineRpc({
  method: UserService.method.deleteUserMetadata,
  async run(req, call) {
    const user = findUser(call, req.userId, 'COMMAND-uXHNj', Code.InvalidArgument);
    requireOnUser(call, 'user.write', user);
    const keys = req.keys ?? [];
    if (keys.length === 0 || keys.some((k) => !(k in user.metadata))) {
      throw notFound('One or more keys do not exist', { id: 'META-2nnds', key: 'Errors.Metadata.NotFound' });
    }
    const now = call.now();
    await call.commit((draft) => {
      const stored = draft.users.find((u) => u.id === user.id);
      if (!stored) return;
      for (const key of keys) delete stored.metadata[key];
      stored.updatedAt = Math.floor(now.getTime() / 1000);
    });
    return { deletionDate: now.toISOString() };
  },
});
