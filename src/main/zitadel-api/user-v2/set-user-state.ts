// Shared by Deactivate/ReactivateUser: one store write that changes the state and updatedAt.
import type { User } from '../../store/schema.js';
import type { ApiCall } from '../api-call.js';

export async function setUserState(call: ApiCall, userId: string, state: User['state']): Promise<Date> {
  const now = call.now();
  await call.commit((draft) => {
    const user = draft.users.find((u) => u.id === userId);
    if (user) Object.assign(user, { state, updatedAt: Math.floor(now.getTime() / 1000) });
  });
  return now;
}
