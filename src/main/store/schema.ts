// Store file format, version 1 (DESIGN §4). The field names are a public contract: users
// hand-write these files as seeds. Optional fields get their ZITADEL defaults when parsed.
import { z } from 'zod';
import { DOMAIN_PATTERN, LOOPBACK_HOSTS } from '../domains/domain-spec.js';
import { actionSchema, executionSchema, flowSchema, targetSchema } from './actions-schema.js';

const id = z.string().trim().min(1, 'must not be empty');
const seconds = z.number().int().min(0);
const state = z.enum(['active', 'inactive']).default('active');

export const keySchema = z.object({
  id,
  /** SPKI PEM. */
  publicKey: z.string().min(1),
  /** PKCS#1 PEM; absent when the user uploaded only a public key. */
  privateKey: z.string().optional(),
  expirationDate: z.iso.datetime({ offset: true }).default('9999-12-31T23:59:59Z'),
});

export const signingKeySchema = z.object({
  id,
  publicKey: z.string().min(1),
  privateKey: z.string().min(1),
  /** Exactly one signing key is active: it signs; the others are only published. */
  active: z.boolean().default(false),
  createdAt: z.iso.datetime({ offset: true }).optional(),
});

const oidcSettingsSchema = z.object({
  accessTokenLifetime: seconds.default(43200),
  idTokenLifetime: seconds.default(43200),
  refreshTokenIdleExpiration: seconds.default(2592000),
  refreshTokenExpiration: seconds.default(7776000),
});

export const instanceSchema = z.object({
  id,
  name: z.string().default('Local'),
  defaultOrgId: id,
  oidcSettings: oidcSettingsSchema.prefault({}),
  domainPolicy: z.object({ userLoginMustBeDomain: z.boolean().default(false) }).prefault({}),
  securityPolicy: z.object({ enableImpersonation: z.boolean().default(false) }).prefault({}),
  /** Emulator conveniences that ZITADEL does not have. */
  login: z.object({ userPicker: z.boolean().default(true) }).prefault({}),
  /** Instance domains, `host[:port]`: each is an issuer of its own, like ZITADEL's (docs/https.md). */
  domains: z
    .array(
      z
        .string()
        .trim()
        .regex(DOMAIN_PATTERN, 'must be host or host:port, e.g. idp.localhost:8080')
        .refine((d) => !LOOPBACK_HOSTS.has(d.replace(/:\d+$/, '').toLowerCase()), 'localhost keeps the main issuer'),
    )
    .optional(),
});

export const orgSchema = z.object({
  id,
  name: z.string().min(1),
  primaryDomain: z.string().min(1),
  state,
});

export const roleSchema = z.object({
  key: z.string().trim().min(1, 'role key must not be empty'),
  displayName: z.string().default(''),
  group: z.string().default(''),
});

export const projectSchema = z.object({
  id,
  orgId: id,
  name: z.string().min(1),
  state,
  projectRoleAssertion: z.boolean().default(false),
  projectRoleCheck: z.boolean().default(false),
  hasProjectCheck: z.boolean().default(false),
  roles: z.array(roleSchema).default([]),
});

export const oidcAppTypes = ['web', 'userAgent', 'native'] as const;
export const oidcAuthMethods = ['basic', 'post', 'none', 'privateKeyJwt'] as const;
export const responseTypes = ['code', 'id_token', 'id_token token'] as const;
export const appGrantTypes = [
  'authorization_code',
  'implicit',
  'refresh_token',
  'device_code',
  'token_exchange',
] as const;

// A redirect URI: any absolute URL (custom schemes for native apps included), or a doublestar
// glob such as `http://localhost:*/**`, which dev-mode apps may register (reference §1.2).
const redirectUri = z.string().refine(
  (value) => {
    try {
      return new URL(value.replace(/[*?]/g, '1')).protocol.length > 1;
    } catch {
      return false;
    }
  },
  { message: 'must be an absolute URL (dev-mode apps may use * and ** globs)' },
);

const oidcConfigSchema = z.object({
  appType: z.enum(oidcAppTypes).default('web'),
  authMethod: z.enum(oidcAuthMethods).default('basic'),
  redirectUris: z.array(redirectUri).default([]),
  postLogoutRedirectUris: z.array(redirectUri).default([]),
  responseTypes: z.array(z.enum(responseTypes)).default(['code']),
  grantTypes: z.array(z.enum(appGrantTypes)).default(['authorization_code']),
  accessTokenType: z.enum(['bearer', 'jwt']).default('bearer'),
  accessTokenRoleAssertion: z.boolean().default(false),
  idTokenRoleAssertion: z.boolean().default(false),
  idTokenUserinfoAssertion: z.boolean().default(false),
  /** ZITADEL allows 0 to 5 seconds. */
  clockSkew: z.number().int().min(0).max(5).default(0),
  devMode: z.boolean().default(false),
});

export const appSchema = z
  .object({
    id,
    projectId: id,
    name: z.string().min(1),
    state,
    clientId: id,
    clientSecret: z.string().optional(),
    oidc: oidcConfigSchema.optional(),
    api: z.object({ authMethod: z.enum(['basic', 'privateKeyJwt']).default('basic') }).optional(),
    keys: z.array(keySchema).default([]),
  })
  .refine((app) => (app.oidc === undefined) !== (app.api === undefined), {
    message: 'an app has exactly one of "oidc" or "api"',
  });

const humanSchema = z.object({
  profile: z
    .object({
      givenName: z.string().default(''),
      familyName: z.string().default(''),
      nickName: z.string().default(''),
      displayName: z.string().default(''),
      preferredLanguage: z.string().default(''),
      gender: z.enum(['female', 'male', 'diverse', 'unspecified']).default('unspecified'),
    })
    .prefault({}),
  email: z
    .object({ email: z.string().default(''), isVerified: z.boolean().default(false) })
    .prefault({}),
  phone: z
    .object({ phone: z.string().default(''), isVerified: z.boolean().default(false) })
    .prefault({}),
  password: z.string().default(''),
});

export const personalAccessTokenSchema = z.object({
  id,
  token: z.string().min(1),
  expirationDate: z.iso.datetime({ offset: true }).default('9999-12-31T23:59:59Z'),
  createdAt: z.iso.datetime({ offset: true }).optional(),
});

const machineSchema = z.object({
  name: z.string().default(''),
  description: z.string().default(''),
  accessTokenType: z.enum(['bearer', 'jwt']).default('bearer'),
  clientSecret: z.string().optional(),
  keys: z.array(keySchema).default([]),
  personalAccessTokens: z.array(personalAccessTokenSchema).default([]),
});

export const userSchema = z
  .object({
    id,
    orgId: id,
    userName: z.string().trim().min(1, 'user name must not be empty'),
    state,
    human: humanSchema.optional(),
    machine: machineSchema.optional(),
    metadata: z.record(z.string(), z.string()).default({}),
    /** Unix seconds of the last change, emitted as `updated_at`. */
    updatedAt: z.number().int().optional(),
  })
  .refine((user) => (user.human === undefined) !== (user.machine === undefined), {
    message: 'a user has exactly one of "human" or "machine"',
  });

/** A project shared with another org, limited to some of its roles (reference §10 "Project grant"). */
export const projectGrantSchema = z.object({
  id,
  projectId: id,
  grantedOrgId: id,
  roleKeys: z.array(z.string()).default([]),
  state,
});

export const userGrantSchema = z.object({
  id,
  userId: id,
  projectId: id,
  /** Set when the roles come through a project grant: the granted org is then the granting org in role claims. */
  projectGrantId: id.optional(),
  roleKeys: z.array(z.string()).default([]),
  state,
});

/**
 * A user group of an org (ZITADEL 2026 "User Groups"): its members get the `groups` and
 * `urn:zitadel:iam:user:groups` claims. Optional part of format v1.
 */
export const groupSchema = z.object({
  id,
  orgId: id,
  name: z.string().trim().min(1, 'group name must not be empty'),
  description: z.string().default(''),
  state,
  /** Members: ids of users of any org of the instance. */
  userIds: z.array(id).default([]),
});

export const STORE_VERSION = 1;

export const storeSchema = z.object({
  version: z.literal(STORE_VERSION, {
    error: (issue) =>
      `unsupported store version ${JSON.stringify(issue.input)}; this emulator reads version ${STORE_VERSION}`,
  }),
  instance: instanceSchema,
  orgs: z.array(orgSchema).default([]),
  projects: z.array(projectSchema).default([]),
  apps: z.array(appSchema).default([]),
  users: z.array(userSchema).default([]),
  projectGrants: z.array(projectGrantSchema).default([]),
  userGrants: z.array(userGrantSchema).default([]),
  groups: z.array(groupSchema).default([]),
  signingKeys: z.array(signingKeySchema).default([]),
  /** Actions v2 and v1 (src/main/store/actions-schema.ts). */
  targets: z.array(targetSchema).default([]),
  executions: z.array(executionSchema).default([]),
  actions: z.array(actionSchema).default([]),
  flows: z.array(flowSchema).default([]),
});

/** The store as users write it (defaults optional). */
export type StoreInput = z.input<typeof storeSchema>;
/** The store after parsing (defaults filled in). */
export type StoreData = z.output<typeof storeSchema>;
export type Instance = StoreData['instance'];
export type Org = StoreData['orgs'][number];
export type Project = StoreData['projects'][number];
export type Role = Project['roles'][number];
export type App = StoreData['apps'][number];
export type OidcAppConfig = NonNullable<App['oidc']>;
export type User = StoreData['users'][number];
export type HumanProfile = NonNullable<User['human']>;
export type MachineProfile = NonNullable<User['machine']>;
export type UserGrant = StoreData['userGrants'][number];
export type ProjectGrant = StoreData['projectGrants'][number];
export type Group = StoreData['groups'][number];
export type KeyEntry = z.output<typeof keySchema>;
export type SigningKeyEntry = StoreData['signingKeys'][number];
