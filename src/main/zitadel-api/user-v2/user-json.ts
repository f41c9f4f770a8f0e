// A stored user as `zitadel.user.v2.User` JSON (reference §5.2): nickName, displayName,
// preferredLanguage and gender always present (proto3 optional), login names per the domain policy.
import type { GenderJson, UserJson } from '@zitadel/proto/zitadel/user/v2/user_pb.js';
import { loginNamesOf } from '../../store/store-index.js';
import type { HumanProfile, User } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import { userDetails } from '../details.js';

const GENDERS: Record<HumanProfile['profile']['gender'], GenderJson> = {
  female: 'GENDER_FEMALE',
  male: 'GENDER_MALE',
  diverse: 'GENDER_DIVERSE',
  unspecified: 'GENDER_UNSPECIFIED',
};

export function genderToStore(gender: GenderJson | number | undefined): HumanProfile['profile']['gender'] {
  const found = Object.entries(GENDERS).find(([, name]) => name === gender);
  return (found?.[0] as HumanProfile['profile']['gender'] | undefined) ?? 'unspecified';
}

/** Login names under the default policy are the bare user name (reference §5.2). */
export function loginNamesForApi(store: Store, user: User): string[] {
  const mustBeDomain = store.data.instance.domainPolicy.userLoginMustBeDomain;
  const names = loginNamesOf(user, store.index.orgsById.get(user.orgId), mustBeDomain);
  return mustBeDomain ? names : [user.userName];
}

export function userToJson(store: Store, user: User): UserJson {
  const loginNames = loginNamesForApi(store, user);
  const out: UserJson = {
    userId: user.id,
    details: userDetails(store, user),
    state: user.state === 'active' ? 'USER_STATE_ACTIVE' : 'USER_STATE_INACTIVE',
    username: user.userName,
    loginNames,
    ...(loginNames[0] !== undefined && { preferredLoginName: loginNames[0] }),
  };
  if (user.human) {
    const { profile, email, phone } = user.human;
    out.human = {
      profile: {
        givenName: profile.givenName,
        familyName: profile.familyName,
        nickName: profile.nickName,
        displayName: profile.displayName,
        preferredLanguage: profile.preferredLanguage || 'und',
        gender: GENDERS[profile.gender],
      },
      email: { email: email.email, isVerified: email.isVerified },
      phone: { phone: phone.phone, isVerified: phone.isVerified },
    };
  }
  if (user.machine) {
    out.machine = {
      name: user.machine.name,
      description: user.machine.description,
      hasSecret: user.machine.clientSecret !== undefined,
      accessTokenType: user.machine.accessTokenType === 'jwt' ? 'ACCESS_TOKEN_TYPE_JWT' : 'ACCESS_TOKEN_TYPE_BEARER',
    };
  }
  return out;
}
