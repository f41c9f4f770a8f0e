// A user grant as `zitadel.authorization.v2beta.Authorization` JSON.
import type { AuthorizationJson } from '@zitadel/proto/zitadel/authorization/v2beta/authorization_pb.js';
import type { UserGrant } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import { changeDateOf, creationTimeOf } from '../details.js';
import { grantOwnerOrgId } from '../management/grant-json.js';
import { loginNamesForApi } from '../user-v2/user-json.js';

export function authorizationToJson(store: Store, grant: UserGrant): AuthorizationJson {
  const user = store.index.usersById.get(grant.userId);
  const project = store.index.projectsById.get(grant.projectId);
  const created = creationTimeOf(grant.id);
  const changed = (user && changeDateOf(user)) ?? created;
  return {
    id: grant.id,
    projectId: grant.projectId,
    projectName: project?.name ?? '',
    projectOrganizationId: project?.orgId ?? '',
    ...(grant.projectGrantId !== undefined && { projectGrantId: grant.projectGrantId, grantedOrganizationId: grantOwnerOrgId(store.data, grant) ?? '' }),
    organizationId: grantOwnerOrgId(store.data, grant) ?? '',
    ...(created && { creationDate: created.toISOString() }),
    ...(changed && { changeDate: changed.toISOString() }),
    state: grant.state === 'active' ? 'STATE_ACTIVE' : 'STATE_INACTIVE',
    user: {
      id: grant.userId,
      preferredLoginName: user ? (loginNamesForApi(store, user)[0] ?? '') : '',
      displayName: user?.human?.profile.displayName ?? user?.machine?.name ?? '',
      organizationId: user?.orgId ?? '',
    },
    roles: grant.roleKeys,
  };
}
