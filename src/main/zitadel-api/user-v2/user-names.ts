// User names are unique across the instance under the default domain policy, per org when login
// names must carry the org domain (reference §5.1; store/check-references.ts has the same rule).
import type { StoreData } from '../../store/schema.js';
import { alreadyExists } from '../api-error.js';

export function checkUserNameFree(data: StoreData, userName: string, orgId: string, exceptUserId?: string): void {
  const instanceWide = !data.instance.domainPolicy.userLoginMustBeDomain;
  const wanted = userName.toLowerCase();
  const taken = data.users.some(
    (u) => u.id !== exceptUserId && u.userName.toLowerCase() === wanted && (instanceWide || u.orgId === orgId),
  );
  if (taken) throw alreadyExists('User already exists', { id: 'V3-DKcYh', key: 'Errors.User.AlreadyExists' });
}
