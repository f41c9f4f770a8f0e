// Reference rules for memberships (store format v1, optional part): the user and org exist,
// IAM_* roles only on the instance (no orgId), ORG_* roles only on an org, one entry per
// user and place.
import { INSTANCE_MEMBER_ROLES } from './member-roles.js';
import type { StoreData } from './schema.js';
import type { StoreProblem } from './store-error.js';

const INSTANCE_ROLES = new Set<string>(INSTANCE_MEMBER_ROLES);

export function checkMemberships(data: StoreData): StoreProblem[] {
  const problems: StoreProblem[] = [];
  const users = new Set(data.users.map((u) => u.id));
  const orgs = new Set(data.orgs.map((o) => o.id));
  const ids = new Map<string, number>();
  const places = new Map<string, number>();
  data.memberships.forEach((m, i) => {
    const where = `memberships[${i}]`;
    const first = ids.get(m.id);
    if (first !== undefined) problems.push({ where: `${where}.id`, message: `id "${m.id}" is already used by memberships[${first}]` });
    else ids.set(m.id, i);
    if (!users.has(m.userId)) problems.push({ where: `${where}.userId`, message: `no user has id "${m.userId}"` });
    if (m.orgId !== undefined && !orgs.has(m.orgId)) problems.push({ where: `${where}.orgId`, message: `no org has id "${m.orgId}"` });
    const place = `${m.userId}/${m.orgId ?? 'instance'}`;
    const same = places.get(place);
    if (same !== undefined) {
      problems.push({ where: `${where}.userId`, message: `this user is already a member ${m.orgId ? 'of this org' : 'of the instance'} in memberships[${same}]` });
    } else places.set(place, i);
    m.roles.forEach((role, r) => {
      const instanceRole = INSTANCE_ROLES.has(role);
      if (m.orgId === undefined && !instanceRole) {
        problems.push({ where: `${where}.roles[${r}]`, message: `${role} is an org role: set orgId, or use an IAM_* role for the instance` });
      } else if (m.orgId !== undefined && instanceRole) {
        problems.push({ where: `${where}.roles[${r}]`, message: `${role} is an instance role: remove orgId, or use an ORG_* role` });
      }
    });
  });
  return problems;
}
