// Management v1 acts in the context org (reference §2.2, §6.1): a user of another org is
// "not found" for writes (400 COMMAND-uXHNj) and invisible for reads.
import { Code } from '@connectrpc/connect';
import type { User } from '../../store/schema.js';
import type { ApiCall } from '../api-call.js';
import { userNotFound } from '../api-error.js';

export function userInOrg(call: ApiCall, userId: string | undefined, orgId: string): User | undefined {
  const user = call.deps.store.index.usersById.get(userId ?? '');
  return user?.orgId === orgId ? user : undefined;
}

export function requireUserInOrg(call: ApiCall, userId: string | undefined, orgId: string): User {
  const user = userInOrg(call, userId, orgId);
  if (!user) throw userNotFound('COMMAND-uXHNj', Code.InvalidArgument);
  return user;
}

/** One store write changing a user's metadata (and its updatedAt). */
export async function writeMetadata(call: ApiCall, userId: string, change: (metadata: Record<string, string>) => void): Promise<Date> {
  const now = call.now();
  await call.commit((draft) => {
    const stored = draft.users.find((u) => u.id === userId);
    if (!stored) return;
    change(stored.metadata);
    stored.updatedAt = Math.floor(now.getTime() / 1000);
  });
  return now;
}
