// SetUserMetadata — POST /v2/users/{user_id}/metadata (reference §5.8): upsert; an empty value
// deletes the key. Unknown user is a 400 here (COMMAND-uXHNj).
import { Code } from '@connectrpc/connect';
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import { invalidArgument } from '../api-error.js';
import { defineRpc } from '../rpc.js';
import { embeddedViolation, lengthViolation, metadataValueToStore, throwFirst } from './field-checks.js';
import { findUser, requireOnUser } from './find-user.js';

export const setUserMetadata = defineRpc({
  method: UserService.method.setUserMetadata,
  async run(req, call) {
    const entries = req.metadata ?? [];
    throwFirst(
      lengthViolation('SetUserMetadataRequest', 'UserId', req.userId, 1, 200),
      ...entries.map((m, i) => {
        const inner = lengthViolation('Metadata', 'Key', m.key, 1, 200);
        return inner === undefined ? undefined : embeddedViolation('SetUserMetadataRequest', `Metadata[${i}]`, inner);
      }),
    );
    if (entries.length === 0) throw invalidArgument('Metadata list is empty', { id: 'META-9mm2d', key: 'Errors.Metadata.NoData' });
    const user = findUser(call, req.userId, 'COMMAND-uXHNj', Code.InvalidArgument);
    requireOnUser(call, 'user.write', user);
    const now = call.now();
    await call.commit((draft) => {
      const stored = draft.users.find((u) => u.id === user.id);
      if (!stored) return;
      for (const { key = '', value = '' } of entries) {
        const text = metadataValueToStore(value);
        if (text === '') delete stored.metadata[key];
        else stored.metadata[key] = text;
      }
      stored.updatedAt = Math.floor(now.getTime() / 1000);
    });
    return { setDate: now.toISOString() };
  },
});
