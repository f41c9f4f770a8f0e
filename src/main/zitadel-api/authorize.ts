// Memberships to permissions (reference §2.2, §2.3): the caller's roles on the instance and on
// the org in question. No membership there at all ⇒ 404 `membership not found`; a membership
// without the permission ⇒ 403 `No matching permissions found`.
import type { Membership, StoreData } from '../store/schema.js';
import { notFound, permissionDenied } from './api-error.js';
import type { Caller } from './authenticate.js';

export type Permission = 'user.read' | 'user.write' | 'user.delete' | 'user.grant.read' | 'user.grant.write' | 'user.grant.delete' | 'user.credential.write';

const READ: Permission[] = ['user.read', 'user.grant.read'];
const MANAGE: Permission[] = [...READ, 'user.write', 'user.delete', 'user.grant.write', 'user.grant.delete'];

/** ZITADEL's InternalAuthZ role mapping, restricted to the user API's permissions (cmd/defaults.yaml). */
const ROLE_PERMISSIONS: Record<Membership['roles'][number], readonly Permission[]> = {
  IAM_OWNER: [...MANAGE, 'user.credential.write'],
  IAM_ORG_MANAGER: [...MANAGE, 'user.credential.write'],
  IAM_USER_MANAGER: MANAGE,
  IAM_OWNER_VIEWER: READ,
  ORG_OWNER: [...MANAGE, 'user.credential.write'],
  ORG_USER_MANAGER: MANAGE,
  ORG_USER_PERMISSION_EDITOR: [...READ, 'user.grant.write', 'user.grant.delete'],
  ORG_PROJECT_PERMISSION_EDITOR: [...READ, 'user.grant.write', 'user.grant.delete'],
  ORG_OWNER_VIEWER: READ,
};

/** Where a check was decided, for the console's Activity. */
export interface PermissionDecision {
  permission: Permission;
  orgId: string;
  granted: boolean;
  /** e.g. "ORG_OWNER on org 2844…" or "no membership". */
  by: string;
}

/** Which layer checks: the interceptor (AUTH-5mWD2) or the command/query layer (AUTH-AWfge). */
export type CheckLayer = 'interceptor' | 'command';

function membershipsOf(data: StoreData, userId: string, orgId: string): Membership[] {
  return data.memberships.filter((m) => m.userId === userId && (m.orgId === undefined || m.orgId === orgId) && m.roles.length > 0);
}

/** Decides without throwing; `hasPermission` for filtering lists. */
export function decidePermission(data: StoreData, caller: Caller, permission: Permission, orgId: string): PermissionDecision {
  const memberships = membershipsOf(data, caller.user.id, orgId);
  if (memberships.length === 0) return { permission, orgId, granted: false, by: 'no membership' };
  for (const m of memberships) {
    const role = m.roles.find((r) => ROLE_PERMISSIONS[r].includes(permission));
    if (role) return { permission, orgId, granted: true, by: `${role} on ${m.orgId === undefined ? 'the instance' : `org ${m.orgId}`}` };
  }
  const roles = memberships.flatMap((m) => m.roles).join(', ');
  return { permission, orgId, granted: false, by: `roles ${roles} lack ${permission}` };
}

export function requirePermission(
  data: StoreData,
  caller: Caller,
  permission: Permission,
  orgId: string,
  layer: CheckLayer,
  record: (decision: PermissionDecision) => void,
): void {
  const decision = decidePermission(data, caller, permission, orgId);
  record(decision);
  if (decision.granted) return;
  if (decision.by === 'no membership') throw notFound('membership not found', { id: 'AUTHZ-cdgFk', detail: `${permission} on org ${orgId}` });
  throw permissionDenied('No matching permissions found', { id: layer === 'interceptor' ? 'AUTH-5mWD2' : 'AUTH-AWfge', detail: decision.by });
}
