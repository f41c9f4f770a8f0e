// Standard profile, email and phone claims (reference §2, §3.1 JSON quirks, §3.5
// preferred_username). `address` is accepted as a scope but never emits a claim.
import type { StoreData, User } from '../../store/schema.js';
import type { StoreIndex } from '../../store/store-index.js';
import type { Claims, ClaimsResult } from './claim-types.js';
import { createClaimCollector, type ClaimCollector } from './claim-collector.js';

/** Claims each standard scope asks for, in emission order. */
export const SCOPE_CLAIMS: Readonly<Record<string, readonly string[]>> = {
  profile: [
    'name',
    'given_name',
    'family_name',
    'nickname',
    'picture',
    'gender',
    'locale',
    'updated_at',
    'preferred_username',
  ],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  address: ['address'],
};

export interface ProfileClaimsInput {
  data: StoreData;
  index: StoreIndex;
  user: User;
  scopes: readonly string[];
}

/** Primary login name: bare user name unless the domain policy demands `user@primaryDomain`. */
export function buildPreferredUsername(data: StoreData, index: StoreIndex, user: User): string {
  const org = index.orgsById.get(user.orgId);
  const mustBeDomain = data.instance.domainPolicy.userLoginMustBeDomain;
  return mustBeDomain && org ? `${user.userName}@${org.primaryDomain}` : user.userName;
}

/**
 * `updated_at` of users a seed file gives without `updatedAt`: ZITADEL always has a change date
 * and always emits it (userInfoProfileToOidc), so the emulator does too, with a fixed instant
 * (2024-01-01T00:00:00Z) that stays the same across restarts. The emulator records the real
 * time whenever it creates or edits a user.
 */
export const DEFAULT_UPDATED_AT = 1_704_067_200;

function addUpdatedAt(out: ClaimCollector, user: User): void {
  if (user.updatedAt === undefined) out.add('updated_at', DEFAULT_UPDATED_AT, 'scope "profile" (no updatedAt in the store: the fixed default 2024-01-01T00:00:00Z)');
  else out.add('updated_at', user.updatedAt, 'scope "profile"');
}

function addHumanProfile(out: ClaimCollector, input: ProfileClaimsInput, human: NonNullable<User['human']>): void {
  const why = 'scope "profile"';
  const { profile } = human;
  const name = profile.displayName || `${profile.givenName} ${profile.familyName}`.trim();
  const whyName = profile.displayName ? why : `${why} (no displayName: "given family")`;
  if (name) out.add('name', name, whyName);
  else out.skip('name', 'user has no display, given or family name');
  const optional: [string, string, string][] = [
    ['given_name', profile.givenName, 'user has no given name'],
    ['family_name', profile.familyName, 'user has no family name'],
    ['nickname', profile.nickName, 'user has no nickname'],
  ];
  for (const [claim, value, missing] of optional) {
    if (value) out.add(claim, value, why);
    else out.skip(claim, missing);
  }
  out.skip('picture', 'the store holds no avatars');
  if (profile.gender === 'unspecified') out.skip('gender', 'user gender is unspecified');
  else out.add('gender', profile.gender, why);
  out.add('locale', profile.preferredLanguage || null, profile.preferredLanguage ? why : `${why} (no preferred language: null)`);
  addUpdatedAt(out, input.user);
  out.add('preferred_username', buildPreferredUsername(input.data, input.index, input.user), `${why} (primary login name)`);
}

function addMachineProfile(out: ClaimCollector, input: ProfileClaimsInput, machine: NonNullable<User['machine']>): void {
  const why = 'scope "profile"';
  if (machine.name) out.add('name', machine.name, `${why} (machine user name)`);
  else out.skip('name', 'machine user has no name');
  for (const claim of ['given_name', 'family_name', 'nickname', 'picture', 'gender', 'locale']) {
    out.skip(claim, 'machine users only carry name, updated_at and preferred_username');
  }
  addUpdatedAt(out, input.user);
  out.add('preferred_username', buildPreferredUsername(input.data, input.index, input.user), `${why} (primary login name)`);
}

function addContact(
  out: ClaimCollector,
  scope: 'email' | 'phone',
  value: { value: string; isVerified: boolean } | undefined,
): void {
  const [claim, verifiedClaim] = scope === 'email' ? ['email', 'email_verified'] : ['phone_number', 'phone_number_verified'];
  if (!value) {
    out.skip(claim, `machine users have no ${scope}`);
    out.skip(verifiedClaim, `machine users have no ${scope}`);
    return;
  }
  if (!value.value) {
    out.skip(claim, `user has no ${scope}`);
    out.skip(verifiedClaim, `user has no ${scope}`);
    return;
  }
  out.add(claim, value.value, `scope "${scope}"`);
  // `omitempty` boolean: false is never sent (L pkg/oidc/userinfo.go, reference §3.1).
  if (value.isVerified) out.add(verifiedClaim, true, `scope "${scope}" (verified)`);
  else out.skip(verifiedClaim, `${scope} is not verified (false is omitted)`);
}

/** Claims of the `profile`, `email`, `phone` and `address` scopes present in `scopes`. */
export function buildProfileClaims(input: ProfileClaimsInput): ClaimsResult<Claims> {
  const out = createClaimCollector();
  const { user, scopes } = input;
  if (scopes.includes('profile')) {
    if (user.human) addHumanProfile(out, input, user.human);
    else if (user.machine) addMachineProfile(out, input, user.machine);
  }
  if (scopes.includes('email')) {
    const email = user.human?.email;
    addContact(out, 'email', email && { value: email.email, isVerified: email.isVerified });
  }
  if (scopes.includes('phone')) {
    const phone = user.human?.phone;
    addContact(out, 'phone', phone && { value: phone.phone, isVerified: phone.isVerified });
  }
  if (scopes.includes('address')) out.skip('address', 'ZITADEL never emits address (accepted scope only)');
  return out.finish();
}
