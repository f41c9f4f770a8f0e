// ListUsers — POST /v2/users (reference §5.3): AND-ed queries, default order by user id
// descending, limit 0 = all; rows the caller may not read are left out silently.
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import type { UserFieldNameJson } from '@zitadel/proto/zitadel/user/v2/query_pb.js';
import type { User } from '../../store/schema.js';
import { creationTimeOf } from '../details.js';
import { defineRpc } from '../rpc.js';
import { matchesUserQuery } from './user-queries.js';
import { userToJson } from './user-json.js';

function sortKey(user: User, column: UserFieldNameJson | number | undefined): string {
  const p = user.human?.profile;
  switch (column) {
    case 'USER_FIELD_NAME_USER_NAME':
      return user.userName;
    case 'USER_FIELD_NAME_FIRST_NAME':
      return p?.givenName ?? '';
    case 'USER_FIELD_NAME_LAST_NAME':
      return p?.familyName ?? '';
    case 'USER_FIELD_NAME_NICK_NAME':
      return p?.nickName ?? '';
    case 'USER_FIELD_NAME_DISPLAY_NAME':
      return p?.displayName ?? user.machine?.name ?? '';
    case 'USER_FIELD_NAME_EMAIL':
      return user.human?.email.email ?? '';
    case 'USER_FIELD_NAME_STATE':
      return user.state;
    case 'USER_FIELD_NAME_TYPE':
      return user.human ? 'human' : 'machine';
    case 'USER_FIELD_NAME_CREATION_DATE':
      return String(creationTimeOf(user.id)?.getTime() ?? 0).padStart(16, '0');
    default:
      return user.id.padStart(40, '0');
  }
}

export const listUsers = defineRpc({
  method: UserService.method.listUsers,
  async run(req, call) {
    const store = call.deps.store;
    const queries = req.queries ?? [];
    const readable = store.data.users.filter(
      (u) => (u.id === call.caller.user.id || call.can('user.read', u.orgId)) && queries.every((q) => matchesUserQuery(store, u, q, 0)),
    );
    const column = req.sortingColumn;
    const asc = req.query?.asc === true;
    const sorted = [...readable].sort((a, b) => {
      const order = sortKey(a, column).localeCompare(sortKey(b, column));
      return asc ? order : -order;
    });
    const offset = Number(req.query?.offset ?? 0);
    const limit = req.query?.limit ?? 0;
    const page = sorted.slice(offset, limit > 0 ? offset + limit : undefined);
    return {
      details: { totalResult: String(readable.length), timestamp: call.now().toISOString() },
      result: page.map((u) => userToJson(store, u)),
    };
  },
});
