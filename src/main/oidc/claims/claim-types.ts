// Inputs and outputs of claim assembly (reference §2, §3). Claim assembly is pure: everything
// it needs comes in through these types (no clock reads, no I/O), and next to the claims it
// returns why each claim is there and why an asked-for claim is not.
import type { App, StoreData, User } from '../../store/schema.js';
import type { StoreIndex } from '../../store/store-index.js';

/** Why a claim is present, or why a claim the scopes asked for is absent. */
export interface ClaimNote {
  claim: string;
  present: boolean;
  /** Human-readable reason, e.g. `scope "email"`, `app "web" has idTokenRoleAssertion off`. */
  why: string;
}

export interface ClaimsResult<C> {
  claims: C;
  notes: ClaimNote[];
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Claims = Record<string, JsonValue>;

/** `act` claim of RFC 8693 §4.1 (nested for chains of actors). */
export interface ActorClaim {
  iss: string;
  sub: string;
  act?: ActorClaim;
}

/** Who the token is for and what was granted; shared by every place claims go. */
export interface ClaimSubject {
  data: StoreData;
  index: StoreIndex;
  user: User;
  /** Granted scopes, after unknown ones were dropped (reference §1.2). */
  scopes: readonly string[];
  /** client_id the token was issued to: an app's clientId, or a service user's login name. */
  clientId: string;
  /** The OIDC app for interactive flows; absent for service-user grants (client_credentials, jwt-bearer). */
  app?: App;
}

export interface IdTokenInput extends ClaimSubject {
  issuer: string;
  /** Unix seconds. */
  now: number;
  /** Unix seconds; the token endpoint adds lifetime and the app's clock skew. */
  expiresAt: number;
  audience: readonly string[];
  sid?: string;
  /** Unix seconds of the login. */
  authTime?: number;
  amr?: readonly string[];
  nonce?: string;
  /** Computed by tokens/ from the access token issued in the same response (OIDC Core §3.1.3.6). */
  atHash?: string;
  actor?: ActorClaim;
}

export interface JwtAccessTokenInput extends ClaimSubject {
  issuer: string;
  now: number;
  expiresAt: number;
  audience: readonly string[];
  jti: string;
  actor?: ActorClaim;
}

export type UserinfoInput = ClaimSubject;

export interface IntrospectionInput extends ClaimSubject {
  issuer: string;
  /** The access token's own times and ids. */
  issuedAt: number;
  expiresAt: number;
  audience: readonly string[];
  jti: string;
  authTime?: number;
  amr?: readonly string[];
  actor?: ActorClaim;
  /** The introspecting client's project: its roles are always asserted (reference §5). */
  callerProjectId: string;
}
