// CreateUser (reference §1.2: AddHumanUser's successor; gRPC and Connect only, the published
// descriptors carry no REST annotation). Humans take AddHumanUser's path; machines are service
// users with a name and description.
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import type { AddHumanUserRequestJson } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import type { User } from '../../store/schema.js';
import { invalidArgument } from '../api-error.js';
import { defineRpc } from '../rpc.js';
import { addHuman } from './add-human-user.js';
import { lengthViolation, requiredViolation, throwFirst } from './field-checks.js';
import { checkUserNameFree } from './user-names.js';

const REQUEST = 'CreateUserRequest';

export const createUser = defineRpc({
  method: UserService.method.createUser,
  async run(req, call) {
    throwFirst(
      lengthViolation(REQUEST, 'OrganizationId', req.organizationId, 1, 200),
      req.human === undefined && req.machine === undefined ? requiredViolation(REQUEST, 'UserType') : undefined,
    );
    if (req.human) {
      const { human } = req;
      const request: AddHumanUserRequestJson = {
        ...(req.userId !== undefined && { userId: req.userId }),
        ...(req.username !== undefined && { username: req.username }),
        organization: { orgId: req.organizationId ?? '' },
        ...(human.profile !== undefined && { profile: human.profile }),
        ...(human.email !== undefined && { email: human.email }),
        ...(human.phone !== undefined && { phone: human.phone }),
        ...(human.password !== undefined && { password: human.password }),
        ...(human.hashedPassword !== undefined && { hashedPassword: human.hashedPassword }),
        metadata: (human.metadata ?? []).map((m) => ({ key: m.key ?? '', value: m.value ?? '' })),
      };
      const added = await addHuman(request, call);
      return {
        id: added.userId ?? '',
        ...(added.details?.changeDate !== undefined && { creationDate: added.details.changeDate }),
        ...(added.emailCode !== undefined && { emailCode: added.emailCode }),
        ...(added.phoneCode !== undefined && { phoneCode: added.phoneCode }),
      };
    }
    const machine = req.machine ?? {};
    throwFirst(
      lengthViolation(REQUEST, 'Username', req.username, 1, 200),
      lengthViolation('CreateUserRequest_Machine', 'Name', machine.name, 1, 200),
    );
    const orgId = call.contextOrgId(req.organizationId);
    call.require('user.write', orgId, 'interceptor');
    const { store } = call.deps;
    const userId = req.userId || call.deps.newId();
    if (store.index.usersById.has(userId)) throw invalidArgument('Errors.User.AlreadyExisting', { id: 'COMMAND-7yiox1isql' });
    const userName = req.username ?? '';
    checkUserNameFree(store.data, userName, orgId);
    const now = call.now();
    const user: User = {
      id: userId,
      orgId,
      userName,
      state: 'active',
      machine: { name: machine.name ?? '', description: machine.description ?? '', accessTokenType: 'bearer', keys: [], personalAccessTokens: [] },
      metadata: {},
      updatedAt: Math.floor(now.getTime() / 1000),
    };
    await call.commit((draft) => void draft.users.push(user));
    return { id: userId, creationDate: now.toISOString() };
  },
});
