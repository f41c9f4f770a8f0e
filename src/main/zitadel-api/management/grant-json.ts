// Management v1 user grants (reference §6.2): who owns a grant, and `zitadel.user.v1.UserGrant`
// JSON — with ZITADEL's quirk that `orgId` is the owning org and `grantedOrgId` the user's org.
import type { UserGrantJson } from '@zitadel/proto/zitadel/user_pb.js';
import type { StoreData, UserGrant } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import { changeDateOf, creationTimeOf } from '../details.js';
import { loginNamesForApi } from '../user-v2/user-json.js';

/** The org that owns a grant: the granted org for grants through a project grant, else the project's org. */
export function grantOwnerOrgId(data: StoreData, grant: Pick<UserGrant, 'projectId' | 'projectGrantId'>): string | undefined {
  if (grant.projectGrantId !== undefined) return data.projectGrants.find((g) => g.id === grant.projectGrantId)?.grantedOrgId;
  return data.projects.find((p) => p.id === grant.projectId)?.orgId;
}

export function userGrantToJson(store: Store, grant: UserGrant): UserGrantJson {
  const { index, data } = store;
  const user = index.usersById.get(grant.userId);
  const project = index.projectsById.get(grant.projectId);
  const ownerId = grantOwnerOrgId(data, grant) ?? '';
  const owner = index.orgsById.get(ownerId);
  const userOrg = user ? index.orgsById.get(user.orgId) : undefined;
  const created = creationTimeOf(grant.id);
  const changed = user ? changeDateOf(user) : undefined;
  const profile = user?.human?.profile;
  return {
    id: grant.id,
    details: {
      sequence: String(store.revision),
      ...(created && { creationDate: created.toISOString() }),
      ...((changed ?? created) && { changeDate: (changed ?? created)?.toISOString() }),
      resourceOwner: ownerId,
    },
    roleKeys: grant.roleKeys,
    state: grant.state === 'active' ? 'USER_GRANT_STATE_ACTIVE' : 'USER_GRANT_STATE_INACTIVE',
    userId: grant.userId,
    userName: user?.userName ?? '',
    firstName: profile?.givenName ?? '',
    lastName: profile?.familyName ?? '',
    email: user?.human?.email.email ?? '',
    displayName: profile?.displayName ?? user?.machine?.name ?? '',
    orgId: ownerId,
    orgName: owner?.name ?? '',
    orgDomain: owner?.primaryDomain ?? '',
    projectId: grant.projectId,
    projectName: project?.name ?? '',
    ...(grant.projectGrantId !== undefined && { projectGrantId: grant.projectGrantId }),
    preferredLoginName: user ? (loginNamesForApi(store, user)[0] ?? '') : '',
    userType: user?.machine ? 'TYPE_MACHINE' : 'TYPE_HUMAN',
    grantedOrgId: user?.orgId ?? '',
    grantedOrgName: userOrg?.name ?? '',
    grantedOrgDomain: userOrg?.primaryDomain ?? '',
  };
}
