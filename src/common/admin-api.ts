// The admin API contract between the emulator and its console (DESIGN §3): paths and the JSON
// shapes on both sides. No Node, no DOM: imported by src/main/admin and src/renderer alike.
// Every path is under ADMIN_API_BASE, needs `Authorization: Bearer <admin token>` (the event
// stream, which EventSource opens without headers, takes `?token=` instead), a loopback Host
// header, and JSON bodies. Writes may send `If-Match: <store revision>`; a stale revision gets
// 409 with the current revision, so an edit never silently overwrites a newer one.

export const ADMIN_API_BASE = '/_emulator/api';

/** Store collections editable with the generic CRUD routes: POST {base}/{collection}, PUT/DELETE {base}/{collection}/{id}. */
export const COLLECTIONS = ['orgs', 'projects', 'apps', 'users', 'projectGrants', 'userGrants', 'groups', 'targets', 'actions', 'memberships'] as const;
export type Collection = (typeof COLLECTIONS)[number];

export const ADMIN_PATHS = {
  overview: `${ADMIN_API_BASE}/overview`,
  store: `${ADMIN_API_BASE}/store`,
  instance: `${ADMIN_API_BASE}/instance`,
  collection: (c: Collection) => `${ADMIN_API_BASE}/${c}`,
  entity: (c: Collection, id: string) => `${ADMIN_API_BASE}/${c}/${encodeURIComponent(id)}`,
  appSecret: (appId: string) => `${ADMIN_API_BASE}/apps/${encodeURIComponent(appId)}/secret`,
  appKeys: (appId: string) => `${ADMIN_API_BASE}/apps/${encodeURIComponent(appId)}/keys`,
  appKey: (appId: string, keyId: string) => `${ADMIN_API_BASE}/apps/${encodeURIComponent(appId)}/keys/${encodeURIComponent(keyId)}`,
  appKeyFile: (appId: string, keyId: string) =>
    `${ADMIN_API_BASE}/apps/${encodeURIComponent(appId)}/keys/${encodeURIComponent(keyId)}/file`,
  userSecret: (userId: string) => `${ADMIN_API_BASE}/users/${encodeURIComponent(userId)}/secret`,
  userKeys: (userId: string) => `${ADMIN_API_BASE}/users/${encodeURIComponent(userId)}/keys`,
  userKey: (userId: string, keyId: string) => `${ADMIN_API_BASE}/users/${encodeURIComponent(userId)}/keys/${encodeURIComponent(keyId)}`,
  userKeyFile: (userId: string, keyId: string) =>
    `${ADMIN_API_BASE}/users/${encodeURIComponent(userId)}/keys/${encodeURIComponent(keyId)}/file`,
  userPats: (userId: string) => `${ADMIN_API_BASE}/users/${encodeURIComponent(userId)}/pats`,
  userPat: (userId: string, patId: string) => `${ADMIN_API_BASE}/users/${encodeURIComponent(userId)}/pats/${encodeURIComponent(patId)}`,
  signingKeysRotate: `${ADMIN_API_BASE}/signing-keys/rotate`,
  signingKeyActivate: (kid: string) => `${ADMIN_API_BASE}/signing-keys/${encodeURIComponent(kid)}/activate`,
  signingKey: (kid: string) => `${ADMIN_API_BASE}/signing-keys/${encodeURIComponent(kid)}`,
  activity: `${ADMIN_API_BASE}/activity`,
  events: `${ADMIN_API_BASE}/events`,
  inspect: `${ADMIN_API_BASE}/inspect`,
  /** Actions v2 function executions: GET the list, PUT one by function name. */
  executions: `${ADMIN_API_BASE}/executions`,
  execution: (fn: string) => `${ADMIN_API_BASE}/executions/${encodeURIComponent(fn)}`,
  /** Actions v1 flows: GET the list, PUT one org's trigger. */
  flows: `${ADMIN_API_BASE}/flows`,
  flow: (orgId: string, trigger: string) => `${ADMIN_API_BASE}/flows/${encodeURIComponent(orgId)}/${encodeURIComponent(trigger)}`,
  targetTest: (targetId: string) => `${ADMIN_API_BASE}/targets/${encodeURIComponent(targetId)}/test`,
  scriptCheck: `${ADMIN_API_BASE}/actions/check-script`,
} as const;

/** GET overview. */
export interface OverviewDto {
  issuer: string;
  version: string;
  /** Absent for in-memory stores. */
  storePath?: string;
  revision: number;
  counts: { loginSessions: number; activeTokens: number };
  /** Set while changes are in memory only because saving the store file failed (issue 12). */
  saveError?: string;
  /** With instance domains: every issuer this emulator answers as, the main one first. */
  issuers?: string[];
  /** Set when serving HTTPS with the local certificate authority (docs/https.md). */
  https?: HttpsInfoDto;
}

/** The local CA behind --https and how to make clients trust it. */
export interface HttpsInfoDto {
  /** The CA certificate file (in the user's config directory). */
  caPath: string;
  caPem: string;
  /** Names the server certificate is valid for. */
  names: string[];
  /** ISO date-time; renewed automatically before then. */
  certificateExpires: string;
  trust: TrustStepDto[];
}

export interface TrustStepDto {
  /** Who runs it: "macOS", "Debian / Ubuntu", "Node.js", … */
  label: string;
  command: string;
  note?: string;
}

/** Every refused write: 400 with the store's own validation problems. */
export interface InvalidStoreDto {
  error: 'invalid_store';
  message: string;
  problems: FieldProblem[];
}

export interface FieldProblem {
  /** Path inside the entity that was written, e.g. `oidc.redirectUris[0]`, or `userName`; empty for whole-entity problems. */
  field: string;
  /** The full store path, e.g. `apps[3].oidc.redirectUris[0]`. */
  where: string;
  message: string;
}

/** 409 for a write with a stale If-Match. */
export interface ConflictDto {
  error: 'conflict';
  message: string;
  revision: number;
}

/** Other admin errors (404 unknown entity, 401 token, 403 host/origin, 415 not JSON, 413 body over 1 MiB, 405, 500). */
export interface AdminErrorDto {
  error:
    | 'not_found'
    | 'unauthorized'
    | 'forbidden'
    | 'unsupported_media_type'
    | 'bad_request'
    | 'payload_too_large'
    | 'method_not_allowed'
    | 'server_error'
    /** 500: the change could not be written to the store file; it is in memory only, unsaved. */
    | 'not_saved';
  message: string;
  /** Test-bridge routes: which input field was wrong. */
  problems?: FieldProblem[];
}

/**
 * GET store: the store in the file's format (DESIGN §4, defaults filled in) with every
 * `privateKey` left out (download key files for those). A PUT that sends keys back without
 * their private key keeps it; a PUT without `keys` / `personalAccessTokens` keeps them.
 */
export interface StoreDto {
  revision: number;
  data: Record<string, unknown>;
}

/** A signing key as rotate / activate / delete answer it (never the private key). */
export interface SigningKeyDto {
  id: string;
  publicKey: string;
  active: boolean;
  createdAt?: string;
}

/** Successful writes answer with the written entity and the new store revision. */
export interface WriteResultDto<T> {
  revision: number;
  entity: T;
}

/** POST …/keys body. */
export interface AddKeyRequestDto {
  expirationDate?: string;
  publicKey?: string;
}

/** A key as listed: never the private key (download the key file for that). */
export interface KeyDto {
  id: string;
  expirationDate: string;
  hasPrivateKey: boolean;
  publicKey: string;
}

/** POST …/keys answer. keyFile is the JSON users download, present when a key pair was generated. */
export interface AddKeyResultDto {
  revision: number;
  key: KeyDto;
  keyFile?: Record<string, string>;
}

/** POST apps/{id}/secret and users/{id}/secret: shown once by the console. */
export interface SecretResultDto {
  revision: number;
  clientId: string;
  clientSecret: string;
}

export interface PatResultDto {
  revision: number;
  id: string;
  token: string;
  expirationDate: string;
}

/** Why a claim is (not) in a token: produced by claim assembly. */
export interface ClaimNoteDto {
  claim: string;
  present: boolean;
  why: string;
}

export interface ActivityTokenDto {
  kind: 'id_token' | 'access_token' | 'refresh_token';
  format: 'jwt' | 'opaque';
  value: string;
  /** Decoded payload for JWTs; for opaque access tokens, the claims introspection would show. */
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  notes?: ClaimNoteDto[];
}

export type ActivityKind =
  | 'discovery'
  | 'jwks'
  | 'authorize'
  | 'login'
  | 'token'
  | 'userinfo'
  | 'introspect'
  | 'revoke'
  | 'end_session'
  | 'device_authorization'
  | 'device'
  | 'zitadel_api';

/** A ZITADEL API call (issue 18): which RPC over which wire, who called and what decided. */
export interface ApiCallActivityDto {
  protocol: 'grpc' | 'grpc-web' | 'connect' | 'rest';
  /** e.g. `zitadel.user.v2.UserService`. */
  service: string;
  rpc: string;
  /** gRPC code name, e.g. `ok`, `not_found`. */
  code: string;
  /** The caller's user name and id, once the token is known. */
  caller?: { userId: string; userName: string; viaPersonalAccessToken: boolean };
  /** Each permission check: what was asked, on which org, the outcome and the role (or lack) that decided it. */
  permissions: { permission: string; orgId: string; granted: boolean; by: string }[];
  /** The request message as JSON (passwords masked). */
  request?: unknown;
}

/** One protocol request as the Activity page shows it. */
export interface ActivityEventDto {
  id: number;
  /** Milliseconds since the epoch. */
  time: number;
  kind: ActivityKind;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  clientId?: string;
  userId?: string;
  /** The login session (sid) this request belongs to, for grouping. */
  sessionId?: string;
  grantType?: string;
  outcome: 'ok' | 'error';
  error?: { error: string; error_description?: string; detail?: string };
  /** Request parameters; secrets (client_secret, password, assertions, tokens) are shortened. */
  params: Record<string, string>;
  /** How the client authenticated, e.g. "client_secret_basic (web)". */
  clientAuth?: string;
  /** JSON response body or redirect target. */
  response?: { body?: unknown; location?: string };
  tokens?: ActivityTokenDto[];
  /** The instance domain's issuer the request came in through; absent for the main issuer. */
  issuer?: string;
  /** What the relying-party doctor noticed about this request; never changes the response (docs/doctor.md). */
  findings?: DoctorFindingDto[];
  /** Set on tokens minted by the test bridge (mintTokens), not by a client's request. */
  minted?: boolean;
  /** Set when a test-bridge fault changed this request (see bridge-api.ts). */
  fault?: { id: string; action: 'error' | 'delay' | 'drop' | 'tamper'; detail: string };
  /** Actions v2 targets called and v1 actions run while answering (zitadel-actions.md). */
  actions?: ActionCallDto[];
  /** What the emulator did beside answering, e.g. tokens retired by the live-token limit. */
  notes?: string[];
  /** Set for ZITADEL API calls (kind `zitadel_api`). */
  api?: ApiCallActivityDto;
}

/** One thing the relying-party doctor noticed: ZITADEL would answer the same, silently. */
export interface DoctorFindingDto {
  severity: 'info' | 'warn';
  /** Stable name of the check, also the anchor of its section in docs/doctor.md. */
  code: string;
  /** One line saying what happened and what ZITADEL does about it. */
  message: string;
  /** Where the check is explained: `docs/doctor.md#<code>`. */
  docs: string;
}

/** Server-sent events on ADMIN_PATHS.events: `event: activity` (ActivityEventDto), `event: store` (StoreChangedDto). */
export interface StoreChangedDto {
  revision: number;
  /** "admin" for console writes, "file" for hand edits of the store file picked up from disk. */
  source: 'admin' | 'file' | 'protocol';
  /** Set when a hand edit of the file could not be loaded: the emulator keeps the last good data. */
  error?: string;
}

/** POST inspect body. */
export interface InspectRequestDto {
  token: string;
  /** client id of an API or OIDC app to introspect an opaque token as. */
  introspectAs?: string;
}

export interface InspectResultDto {
  format: 'jwt' | 'opaque';
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  /** For JWTs: valid against this emulator's keys, signed by a key it does not know, or malformed. */
  signature: 'valid' | 'invalid' | 'unknown_key' | 'not_applicable';
  kid?: string;
  /** Unix seconds. */
  expiresAt?: number;
  /** Whether the token is live in this emulator (current, not revoked, not expired). */
  active: boolean;
  userId?: string;
  clientId?: string;
  scopes?: string[];
  /** The introspection response as `introspectAs` would receive it. */
  introspection?: Record<string, unknown>;
  notes?: ClaimNoteDto[];
}

/** What an Actions v2 target or a v1 action did with one claim it set (reference zitadel-actions.md §2.6). */
export interface ActionClaimDto {
  key: string;
  /** added; dropped (`urn:zitadel:iam*` key); exists (an earlier claim or action had it, a log line says so). */
  outcome: 'added' | 'dropped' | 'exists';
  value?: unknown;
}

/** One call of an Actions v2 target or one run of a v1 action during a protocol request. */
export interface ActionCallDto {
  kind: 'target' | 'v1';
  /** `preuserinfo` / `preaccesstoken` (v1: the trigger it ran for, mapped to the same names). */
  function: 'preuserinfo' | 'preaccesstoken';
  /** Target or action name. */
  name: string;
  /** Target or action id. */
  id: string;
  /** Targets: webhook, call or async. */
  targetType?: 'webhook' | 'call' | 'async';
  endpoint?: string;
  /** The JSON body sent to a target. */
  payload?: unknown;
  /** A target's reply. */
  reply?: { status: number; body: string };
  /** Why the call failed (timeout, status, invalid JSON, script error …). */
  error?: string;
  /** ok; failed but the flow went on (interruptOnError off / allowedToFail); failed and stopped the flow. */
  outcome: 'ok' | 'ignored_error' | 'interrupted';
  durationMs: number;
  /** Claims it set, with what became of each. */
  claims: ActionClaimDto[];
  /** Log claim entries it added, and v1 zitadel/log lines. */
  logs: string[];
  /** User metadata keys it set. */
  metadata: string[];
}

/** POST targets/{id}/test body: calls the target with a sample payload, outside any token flow. */
export interface TargetTestRequestDto {
  function: 'preuserinfo' | 'preaccesstoken';
  /** User whose data fills the payload; the first human user when absent. */
  userId?: string;
  /** App whose client id fills `application`; the first OIDC app when absent. */
  clientId?: string;
}

export interface TargetTestResultDto {
  payload: unknown;
  /** Absent when the target could not be reached. */
  reply?: { status: number; headers: Record<string, string>; body: string };
  error?: string;
  durationMs: number;
}

/** PUT executions/{function} body; an empty list removes the execution. */
export interface ExecutionRequestDto {
  targets: string[];
}

/** PUT flows/{orgId}/{trigger} body; an empty list removes the flow. */
export interface FlowRequestDto {
  actionIds: string[];
}

/** POST actions/check-script body and answer: whether a v1 script parses. */
export interface ScriptCheckRequestDto {
  script: string;
}

export interface ScriptCheckResultDto {
  /** `syntax error at line L: message`; absent when the script parses. */
  error?: string;
}
