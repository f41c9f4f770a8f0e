// The body ZITADEL POSTs to a `preuserinfo` / `preaccesstoken` target: struct `ContextInfo` of
// Z `internal/api/oidc/userinfo.go` with snake_case keys in struct order, `omitempty` as
// there, serialised like Go's `json.Marshal` (reference zitadel-actions.md §2.3, §2.4).
import { buildPreferredUsername } from '../../oidc/claims/profile-claims.js';
import type { Claims, JsonValue } from '../../oidc/claims/claim-types.js';
import { ZERO_TIME, formatGoTime, grantingOrgId, loadedGrants, type HookSubject } from '../hook-subject.js';

type JsonObject = { [key: string]: JsonValue };

const GENDERS = { unspecified: 0, female: 1, male: 2, diverse: 3 } as const;

/** Go marshals maps with sorted keys; `userinfo` and its nested objects are maps there. */
function sortKeysDeep(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeysDeep(value[key] as JsonValue);
  return out;
}

function buildUser(subject: HookSubject): JsonObject {
  const { user, data, index } = subject;
  // The store keeps no creation date; the last change stands for both (zero time when unknown).
  const date = formatGoTime(user.updatedAt);
  const out: JsonObject = {
    id: user.id,
    creation_date: date,
    change_date: date,
    resource_owner: user.orgId,
    sequence: 1,
    state: 1,
    username: user.userName,
    preferred_login_name: buildPreferredUsername(data, index, user),
  };
  if (user.human) {
    const { profile, email, phone } = user.human;
    const human: JsonObject = {};
    if (profile.givenName) human.first_name = profile.givenName;
    if (profile.familyName) human.last_name = profile.familyName;
    if (profile.nickName) human.nick_name = profile.nickName;
    const displayName = profile.displayName || `${profile.givenName} ${profile.familyName}`.trim();
    if (displayName) human.display_name = displayName;
    if (profile.preferredLanguage) human.preferred_language = profile.preferredLanguage;
    if (GENDERS[profile.gender] !== 0) human.gender = GENDERS[profile.gender];
    if (email.email) human.email = email.email;
    if (email.isVerified) human.is_email_verified = true;
    if (phone.phone) human.phone = phone.phone;
    if (phone.isVerified) human.is_phone_verified = true;
    // Never loaded by the userinfo query, so always Go's zero time (§2.4).
    human.password_changed = ZERO_TIME;
    human.mfa_init_skipped = ZERO_TIME;
    out.human = human;
  } else if (user.machine) {
    const machine: JsonObject = {};
    if (user.machine.name) machine.name = user.machine.name;
    if (user.machine.description) machine.description = user.machine.description;
    out.machine = machine;
  }
  return out;
}

function buildMetadata(subject: HookSubject): JsonValue[] {
  const date = formatGoTime(subject.user.updatedAt);
  // Standard base64 with padding (Go `[]byte`), unlike the metadata claim's base64url (§2.4).
  return Object.entries(subject.user.metadata).map(([key, value]) => ({
    creation_date: date,
    change_date: date,
    resource_owner: subject.user.orgId,
    sequence: 1,
    key,
    value: Buffer.from(value, 'utf8').toString('base64'),
  }));
}

function buildGrants(subject: HookSubject): JsonValue[] | undefined {
  const grants = loadedGrants(subject);
  if (grants === undefined || grants.length === 0) return undefined;
  const date = formatGoTime(subject.user.updatedAt);
  return grants.map((grant) => {
    const orgId = grantingOrgId(subject, grant);
    const org = subject.index.orgsById.get(orgId);
    const out: JsonObject = {
      id: grant.id,
      creation_date: date,
      change_date: date,
      sequence: 1,
      roles: [...grant.roleKeys],
      state: 1,
      user_id: subject.user.id,
      user_resource_owner: subject.user.orgId,
      resource_owner: orgId,
      org_name: org?.name ?? '',
      org_primary_domain: org?.primaryDomain ?? '',
      project_id: grant.projectId,
      project_name: subject.index.projectsById.get(grant.projectId)?.name ?? '',
    };
    if (grant.projectGrantId !== undefined) out.grant_id = grant.projectGrantId;
    return out;
  });
}

/**
 * The payload as a JSON value. `userinfo` is the current claims (built ones plus those of v1
 * actions); `response` is the merged reply of earlier targets, sent from the second target on.
 */
export function buildTargetPayload(subject: HookSubject, userinfo: Claims, response?: JsonObject): JsonObject {
  const out: JsonObject = { function: `function/${subject.fn}`, userinfo: sortKeysDeep(userinfo) };
  out.user = buildUser(subject);
  const metadata = buildMetadata(subject);
  if (metadata.length > 0) out.user_metadata = metadata;
  const org = subject.index.orgsById.get(subject.user.orgId);
  if (org) out.org = { id: org.id, name: org.name, primary_domain: org.primaryDomain };
  const grants = buildGrants(subject);
  if (grants) out.user_grants = grants;
  out.application = { client_id: subject.clientId };
  if (response) out.response = response;
  return out;
}

/** Go's `json.Marshal` text: HTML characters and line separators escaped (§2.3). */
export function marshalLikeGo(value: JsonValue): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
