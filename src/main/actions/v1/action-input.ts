// The data behind a v1 script's `ctx` for Complement Token (reference zitadel-actions.md
// §3.3, Z `userinfo.go` `userinfoFlows`): Go structs seen through goja's field-name mapper
// (`FirstName` → `firstName`). Timestamps are RFC 3339 strings here, where goja hands out Go
// `time.Time` objects (documented in docs/claims.md).
import type { Claims, JsonValue } from '../../oidc/claims/claim-types.js';
import { buildPreferredUsername } from '../../oidc/claims/profile-claims.js';
import { ZERO_TIME, formatGoTime, grantingOrgId, loadedGrants, type HookSubject } from '../hook-subject.js';
import type { V1Input, V1MetadataList } from './sandbox-protocol.js';

const GENDERS = { unspecified: 0, female: 1, male: 2, diverse: 3 } as const;

function buildUser(subject: HookSubject): Record<string, JsonValue> {
  const { user } = subject;
  const date = formatGoTime(user.updatedAt);
  const out: Record<string, JsonValue> = {
    id: user.id,
    creationDate: date,
    changeDate: date,
    resourceOwner: user.orgId,
    sequence: 1,
    state: 1,
    username: user.userName,
    // Not loaded by the userinfo query (§3.3).
    loginNames: null,
    preferredLoginName: buildPreferredUsername(subject.data, subject.index, user),
  };
  if (user.human) {
    const { profile, email, phone } = user.human;
    out.human = {
      firstName: profile.givenName,
      lastName: profile.familyName,
      nickName: profile.nickName,
      displayName: profile.displayName || `${profile.givenName} ${profile.familyName}`.trim(),
      avatarKey: '',
      preferredLanguage: profile.preferredLanguage,
      gender: GENDERS[profile.gender],
      email: email.email,
      isEmailVerified: email.isVerified,
      phone: phone.phone,
      isPhoneVerified: phone.isVerified,
    };
  } else if (user.machine) {
    out.machine = { name: user.machine.name, description: user.machine.description };
  }
  return out;
}

/** Metadata values are handed out parsed when the stored bytes are JSON, else as the string (§3.3). */
function parseMetadataValue(value: string): JsonValue {
  try {
    return JSON.parse(value) as JsonValue;
  } catch {
    return value;
  }
}

function buildMetadata(subject: HookSubject): V1MetadataList {
  const date = formatGoTime(subject.user.updatedAt);
  const metadata = Object.entries(subject.user.metadata).map(([key, value]) => ({
    creationDate: date,
    changeDate: date,
    resourceOwner: subject.user.orgId,
    sequence: 1,
    key,
    value: parseMetadataValue(value),
  }));
  return { count: metadata.length, sequence: 0, timestamp: ZERO_TIME, metadata };
}

function buildGrants(subject: HookSubject): V1Input['grants'] {
  const grants = loadedGrants(subject);
  if (grants === undefined) return null;
  const date = formatGoTime(subject.user.updatedAt);
  const list = grants.map((grant) => {
    const orgId = grantingOrgId(subject, grant);
    return {
      id: grant.id,
      projectGrantId: grant.projectGrantId ?? '',
      state: 1,
      userGrantResourceOwner: orgId,
      userGrantResourceOwnerName: subject.index.orgsById.get(orgId)?.name ?? '',
      creationDate: date,
      changeDate: date,
      sequence: 1,
      userId: subject.user.id,
      userResourceOwner: subject.user.orgId,
      roles: [...grant.roleKeys],
      projectId: grant.projectId,
      projectName: subject.index.projectsById.get(grant.projectId)?.name ?? '',
    };
  });
  return { count: list.length, sequence: 0, timestamp: ZERO_TIME, grants: list };
}

export function buildV1Input(subject: HookSubject, claims: Claims): V1Input {
  return {
    claims,
    user: buildUser(subject),
    metadata: buildMetadata(subject),
    grants: buildGrants(subject),
    // The store keeps no org metadata.
    orgMetadata: { count: 0, sequence: 0, timestamp: ZERO_TIME, metadata: [] },
    clientId: subject.clientId,
  };
}
