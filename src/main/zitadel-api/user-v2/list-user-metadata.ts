// ListUserMetadata — POST /v2/users/{user_id}/metadata/search (reference §5.8). Unreadable users
// give an empty list, not an error (§2.3). The store keeps no per-key dates: the user's are used.
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import { invalidArgument } from '../api-error.js';
import { changeDateOf, creationTimeOf } from '../details.js';
import { defineRpc } from '../rpc.js';
import { metadataValueToWire } from './field-checks.js';
import { matchesText } from './user-queries.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

export const listUserMetadata = defineRpc({
  method: UserService.method.listUserMetadata,
  async run(req, call) {
    const limit = req.pagination?.limit ?? 0;
    if (limit > MAX_LIMIT) throw invalidArgument('Limit exceeded', { id: 'QUERY-4M0fs', key: 'Errors.Query.LimitExceeded' });
    const applied = limit === 0 ? DEFAULT_LIMIT : limit;
    const user = call.deps.store.index.usersById.get(req.userId ?? '');
    const readable = user !== undefined && (user.id === call.caller.user.id || call.can('user.read', user.orgId));
    const filters = req.filters ?? [];
    const entries = readable
      ? Object.entries(user.metadata).filter(([key]) =>
          filters.every((f) => f.keyFilter === undefined || matchesText(key, f.keyFilter.key ?? '', textMethod(f.keyFilter.method))),
        )
      : [];
    const offset = Number(req.pagination?.offset ?? 0);
    const created = user ? (creationTimeOf(user.id) ?? changeDateOf(user)) : undefined;
    const changed = user ? changeDateOf(user) : undefined;
    return {
      pagination: { totalResult: String(entries.length), appliedLimit: String(applied) },
      metadata: entries.slice(offset, offset + applied).map(([key, value]) => ({
        ...(created && { creationDate: created.toISOString() }),
        ...(changed && { changeDate: changed.toISOString() }),
        key,
        value: metadataValueToWire(value),
      })),
    };
  },
});

/** TEXT_FILTER_METHOD_* mirrors TEXT_QUERY_METHOD_*. */
function textMethod(method: string | number | undefined) {
  return typeof method === 'string' ? (method.replace('TEXT_FILTER_METHOD_', 'TEXT_QUERY_METHOD_') as Parameters<typeof matchesText>[2]) : undefined;
}
