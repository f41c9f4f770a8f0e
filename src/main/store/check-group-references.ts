// Cross-reference rules of user groups: a group belongs to an existing org, its name is unique
// within that org, and each member is an existing user, listed once.
import type { StoreData } from './schema.js';

export interface ReferenceCheck {
  claimId: (id: string, where: string) => void;
  report: (where: string, message: string) => void;
}

export function checkGroupReferences(data: StoreData, { claimId, report }: ReferenceCheck): void {
  const orgIds = new Set(data.orgs.map((o) => o.id));
  const userIds = new Set(data.users.map((u) => u.id));
  const names = new Map<string, string>();
  data.groups.forEach((group, i) => {
    const where = `groups[${i}]`;
    claimId(group.id, where);
    if (!orgIds.has(group.orgId)) report(`${where}.orgId`, `no org has id "${group.orgId}"`);
    const nameKey = `${group.orgId}/${group.name.toLowerCase()}`;
    const first = names.get(nameKey);
    if (first) report(`${where}.name`, `group name "${group.name}" is already used in this org by ${first}`);
    else names.set(nameKey, where);
    const seen = new Set<string>();
    group.userIds.forEach((userId, m) => {
      if (!userIds.has(userId)) report(`${where}.userIds[${m}]`, `no user has id "${userId}"`);
      else if (seen.has(userId)) report(`${where}.userIds[${m}]`, `user "${userId}" is already a member`);
      seen.add(userId);
    });
  });
}
