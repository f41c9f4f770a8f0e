// Looking up the target user of a v2 call and checking the caller may act on it: permissions are
// checked against the target user's org (reference §2.2); users may always read themselves.
import type { User } from '../../store/schema.js';
import type { ApiCall } from '../api-call.js';
import { userNotFound } from '../api-error.js';
import type { Permission } from '../authorize.js';
import { Code } from '@connectrpc/connect';

export function findUser(call: ApiCall, userId: string | undefined, notFoundId: string, code: Code = Code.NotFound): User {
  const user = userId ? call.deps.store.index.usersById.get(userId) : undefined;
  if (!user) throw userNotFound(notFoundId, code);
  return user;
}

export function requireOnUser(call: ApiCall, permission: Permission, user: User): void {
  if (permission === 'user.read' && user.id === call.caller.user.id) return;
  call.require(permission, user.orgId);
}
