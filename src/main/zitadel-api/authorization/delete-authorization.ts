// DeleteAuthorization (reference §7): idempotent — an unknown id is a 200 too.
import { AuthorizationService } from '@zitadel/proto/zitadel/authorization/v2beta/authorization_service_pb.js';
import { grantOwnerOrgId } from '../management/grant-json.js';
import { defineRpc } from '../rpc.js';

export const deleteAuthorization = defineRpc({
  method: AuthorizationService.method.deleteAuthorization,
  async run(req, call) {
    const { store } = call.deps;
    const grant = store.data.userGrants.find((g) => g.id === req.id);
    const now = call.now();
    if (!grant) return { deletionDate: now.toISOString() };
    call.require('user.grant.delete', grantOwnerOrgId(store.data, grant) ?? '');
    await call.commit((draft) => {
      draft.userGrants = draft.userGrants.filter((g) => g.id !== grant.id);
    });
    return { deletionDate: now.toISOString() };
  },
});
