// UpdateHumanUser — PUT /v2/users/human/{user_id} (reference §5.4): any of username, profile,
// email, phone, password; nothing to change answers 200 with the current details.
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import type { User } from '../../store/schema.js';
import { invalidArgument, userNotFound } from '../api-error.js';
import { changeDetails } from '../details.js';
import { defineRpc } from '../rpc.js';
import { newVerificationCode } from './add-human-user.js';
import { checkEmail, checkPasswordPolicy, embeddedViolation, lengthViolation, normalisePhone, throwFirst } from './field-checks.js';
import { findUser, requireOnUser } from './find-user.js';
import { checkCurrentPassword } from './set-password.js';
import { checkUserNameFree } from './user-names.js';
import { genderToStore } from './user-json.js';

const REQUEST = 'UpdateHumanUserRequest';

export const updateHumanUser = defineRpc({
  method: UserService.method.updateHumanUser,
  async run(req, call) {
    const { profile, email, phone, password } = req;
    const inProfile = (inner: string | undefined) => (inner === undefined ? undefined : embeddedViolation(REQUEST, 'Profile', inner));
    const inEmail = (inner: string | undefined) => (inner === undefined ? undefined : embeddedViolation(REQUEST, 'Email', inner));
    throwFirst(
      lengthViolation(REQUEST, 'UserId', req.userId, 1, 200),
      req.username === undefined ? undefined : lengthViolation(REQUEST, 'Username', req.username, 1, 200),
      profile && inProfile(lengthViolation('SetHumanProfile', 'GivenName', profile.givenName, 1, 200)),
      profile && inProfile(lengthViolation('SetHumanProfile', 'FamilyName', profile.familyName, 1, 200)),
      email && inEmail(lengthViolation('SetHumanEmail', 'Email', email.email, 1, 200)),
    );
    const user = findUser(call, req.userId, 'COMMAND-ugjs0upun6');
    if (!user.human) throw userNotFound('COMMAND-ugjs0upun6');
    if (user.id !== call.caller.user.id || email?.isVerified === true || email?.returnCode !== undefined) {
      requireOnUser(call, 'user.write', user);
    }
    const human = structuredClone(user.human);
    let userName = user.userName;
    if (req.username !== undefined && req.username !== user.userName) {
      checkUserNameFree(call.deps.store.data, req.username, user.orgId, user.id);
      userName = req.username;
    }
    if (profile) {
      human.profile = {
        givenName: profile.givenName ?? '',
        familyName: profile.familyName ?? '',
        nickName: profile.nickName ?? human.profile.nickName,
        displayName: profile.displayName ?? human.profile.displayName,
        preferredLanguage: profile.preferredLanguage ?? human.profile.preferredLanguage,
        gender: profile.gender === undefined ? human.profile.gender : genderToStore(profile.gender),
      };
    }
    let emailCode: string | undefined;
    if (email) {
      const address = (email.email ?? '').trim();
      checkEmail(address);
      const changed = address !== human.email.email;
      if (email.isVerified !== undefined) human.email = { email: address, isVerified: email.isVerified };
      else if (changed || email.returnCode !== undefined || email.sendCode !== undefined) human.email = { email: address, isVerified: false };
      if (email.returnCode !== undefined) emailCode = newVerificationCode();
    }
    let phoneCode: string | undefined;
    // An empty number is a no-op here; removal is RemovePhone (reference §5.4).
    if (phone?.phone) {
      human.phone = { phone: normalisePhone(phone.phone), isVerified: phone.isVerified === true };
      if (phone.returnCode !== undefined) phoneCode = newVerificationCode();
    }
    if (password?.hashedPassword) throw invalidArgument('hashedPassword is not emulated: send password');
    if (password?.password?.password !== undefined) {
      if (password.currentPassword !== undefined) checkCurrentPassword(user, password.currentPassword);
      checkPasswordPolicy(password.password.password);
      human.password = password.password.password;
    }
    const store = call.deps.store;
    const next: User = { ...user, userName, human };
    if (JSON.stringify(next) === JSON.stringify(user)) {
      return { details: changeDetails(store, user.orgId, new Date((user.updatedAt ?? 0) * 1000)) };
    }
    const now = call.now();
    await call.commit((draft) => {
      const index = draft.users.findIndex((u) => u.id === user.id);
      if (index !== -1) draft.users[index] = { ...next, updatedAt: Math.floor(now.getTime() / 1000) };
    });
    return {
      details: changeDetails(store, user.orgId, now),
      ...(emailCode !== undefined && { emailCode }),
      ...(phoneCode !== undefined && { phoneCode }),
    };
  },
});
