// AddHumanUser — POST /v2/users/human (reference §5.1). Created ACTIVE in the org of the request
// (organization > x-zitadel-orgid > caller's org); the user can log in at once.
import { randomInt } from 'node:crypto';
import { UserService, type AddHumanUserRequestJson, type AddHumanUserResponseJson } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import type { ApiCall } from '../api-call.js';
import type { User } from '../../store/schema.js';
import { invalidArgument, unimplemented } from '../api-error.js';
import { changeDetails } from '../details.js';
import { defineRpc } from '../rpc.js';
import {
  checkEmail,
  checkPasswordPolicy,
  embeddedViolation,
  lengthViolation,
  metadataValueToStore,
  normalisePhone,
  requiredViolation,
  throwFirst,
} from './field-checks.js';
import { checkUserNameFree } from './user-names.js';
import { genderToStore } from './user-json.js';

const REQUEST = 'AddHumanUserRequest';

/** A verification code the caller asked to get back (`returnCode`); the emulator sends no mail. */
export function newVerificationCode(): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 6 }, () => letters[randomInt(letters.length)]).join('');
}

/** AddHumanUser's implementation, also the human branch of CreateUser. */
export async function addHuman(req: AddHumanUserRequestJson, call: ApiCall): Promise<AddHumanUserResponseJson> {
  const { profile, email, phone } = req;
  throwFirst(
    req.userId === undefined ? undefined : lengthViolation(REQUEST, 'UserId', req.userId, 0, 200),
    req.username === undefined ? undefined : lengthViolation(REQUEST, 'Username', req.username, 1, 200),
    profile === undefined ? requiredViolation(REQUEST, 'Profile') : undefined,
    profile && embeddedOf('Profile', lengthViolation('SetHumanProfile', 'GivenName', profile.givenName, 1, 200)),
    profile && embeddedOf('Profile', lengthViolation('SetHumanProfile', 'FamilyName', profile.familyName, 1, 200)),
    profile && embeddedOf('Profile', lengthViolation('SetHumanProfile', 'NickName', profile.nickName, 0, 200)),
    profile && embeddedOf('Profile', lengthViolation('SetHumanProfile', 'DisplayName', profile.displayName, 0, 200)),
    profile && embeddedOf('Profile', lengthViolation('SetHumanProfile', 'PreferredLanguage', profile.preferredLanguage, 0, 10)),
    email === undefined ? requiredViolation(REQUEST, 'Email') : undefined,
    email && embeddedOf('Email', lengthViolation('SetHumanEmail', 'Email', email.email, 1, 200)),
  );
  const store = call.deps.store;
  const requestedOrg = req.organization?.orgId ?? (req.organization?.orgDomain ? orgIdByDomain(call.deps.store.index.orgsByDomain, req.organization.orgDomain) : undefined);
  const orgId = call.contextOrgId(requestedOrg);
  call.require('user.write', orgId, 'interceptor');

  const emailAddress = (email?.email ?? '').trim();
  checkEmail(emailAddress);
  const phoneNumber = phone?.phone ? normalisePhone(phone.phone) : '';
  // The store keeps passwords as typed (DESIGN §4), so a hash cannot become a usable password.
  if (req.hashedPassword) throw unimplemented('hashedPassword is not emulated: send password');
  if (req.password?.password !== undefined) checkPasswordPolicy(req.password.password);
  const userId = req.userId || call.deps.newId();
  if (store.index.usersById.has(userId)) {
    throw invalidArgument('Errors.User.AlreadyExisting', { id: 'COMMAND-7yiox1isql' });
  }
  const userName = req.username || emailAddress;
  checkUserNameFree(store.data, userName, orgId);

  const givenName = profile?.givenName ?? '';
  const familyName = profile?.familyName ?? '';
  const now = call.now();
  const user: User = {
    id: userId,
    orgId,
    userName,
    state: 'active',
    human: {
      profile: {
        givenName,
        familyName,
        nickName: profile?.nickName ?? '',
        displayName: profile?.displayName || `${givenName} ${familyName}`,
        preferredLanguage: profile?.preferredLanguage || 'und',
        gender: genderToStore(profile?.gender),
      },
      // Verified only when asked; sendCode, returnCode or nothing leave it unverified (§5.1).
      email: { email: emailAddress, isVerified: email?.isVerified === true },
      phone: { phone: phoneNumber, isVerified: phoneNumber !== '' && phone?.isVerified === true },
      password: req.password?.password ?? '',
    },
    metadata: Object.fromEntries((req.metadata ?? []).map((m) => [m.key ?? '', metadataValueToStore(m.value ?? '')])),
    updatedAt: Math.floor(now.getTime() / 1000),
  };
  await call.commit((draft) => void draft.users.push(user));
  return {
    userId,
    details: changeDetails(store, orgId, now),
    ...(email?.returnCode !== undefined && { emailCode: newVerificationCode() }),
    ...(phone?.returnCode !== undefined && phoneNumber !== '' && { phoneCode: newVerificationCode() }),
  };
}

export const addHumanUser = defineRpc({ method: UserService.method.addHumanUser, run: addHuman });

function embeddedOf(field: string, inner: string | undefined): string | undefined {
  return inner === undefined ? undefined : embeddedViolation(REQUEST, field, inner);
}

function orgIdByDomain(byDomain: ReadonlyMap<string, { id: string }>, domain: string): string {
  // An unknown domain names no org: the org check then answers AUTH-Bs7Ds.
  return byDomain.get(domain.toLowerCase())?.id ?? `domain:${domain}`;
}
