// ListUserGrants — POST /management/v1/users/grants/_search (reference §6.2): grants the
// context org owns (all orgs' grants on its projects with withGrantedQuery), AND-ed queries.
import { ManagementService } from '@zitadel/proto/zitadel/management_pb.js';
import type { UserGrantQueryJson } from '@zitadel/proto/zitadel/user_pb.js';
import type { UserGrant } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import { defineRpc } from '../rpc.js';
import { matchesText } from '../user-v2/user-queries.js';
import { grantOwnerOrgId } from './grant-json.js';
import { userGrantToJson } from './grant-json.js';

function matches(store: Store, grant: UserGrant, q: UserGrantQueryJson): boolean {
  const user = store.index.usersById.get(grant.userId);
  if (q.userIdQuery) return grant.userId === q.userIdQuery.userId;
  if (q.projectIdQuery) return grant.projectId === q.projectIdQuery.projectId;
  if (q.projectGrantIdQuery) return grant.projectGrantId === q.projectGrantIdQuery.projectGrantId;
  if (q.roleKeyQuery) return grant.roleKeys.some((k) => matchesText(k, q.roleKeyQuery?.roleKey ?? '', q.roleKeyQuery?.method));
  if (q.userNameQuery) return matchesText(user?.userName ?? '', q.userNameQuery.userName ?? '', q.userNameQuery.method);
  if (q.emailQuery) return matchesText(user?.human?.email.email ?? '', q.emailQuery.email ?? '', q.emailQuery.method);
  if (q.userTypeQuery) return (user?.machine ? 'TYPE_MACHINE' : 'TYPE_HUMAN') === q.userTypeQuery.type;
  return true;
}

export const listUserGrants = defineRpc({
  method: ManagementService.method.listUserGrants,
  async run(req, call) {
    const orgId = call.contextOrgId();
    call.require('user.grant.read', orgId, 'interceptor');
    const { store } = call.deps;
    const queries = req.queries ?? [];
    const withGranted = queries.some((q) => q.withGrantedQuery?.withGranted === true);
    const visible = store.data.userGrants.filter((g) => {
      const owner = grantOwnerOrgId(store.data, g);
      const inOrg = owner === orgId || (withGranted && store.index.projectsById.get(g.projectId)?.orgId === orgId);
      return inOrg && queries.every((q) => matches(store, g, q));
    });
    const offset = Number(req.query?.offset ?? 0);
    const limit = req.query?.limit ?? 0;
    const page = visible.slice(offset, limit > 0 ? offset + limit : undefined);
    return {
      details: { totalResult: String(visible.length), viewTimestamp: call.now().toISOString() },
      result: page.map((g) => userGrantToJson(store, g)),
    };
  },
});
