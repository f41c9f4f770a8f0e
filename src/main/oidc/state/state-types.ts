// Runtime state of the provider: in-flight logins, codes, sessions and tokens. Plain JSON
// objects so the whole state can be written to disk and read back after a restart.
import type { ActorClaim } from '../claims/claim-types.js';

export type ResponseType = 'code' | 'id_token' | 'id_token token';
export type ResponseMode = 'query' | 'fragment' | 'form_post';

/** A validated /authorize request waiting for the user to log in (reference §1.2). */
export interface AuthRequest {
  id: string;
  /** The domain issuer it was made at; absent for the main issuer. */
  issuer?: string;
  clientId: string;
  redirectUri: string;
  responseType: ResponseType;
  responseMode: ResponseMode;
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  prompts: string[];
  /** Seconds; 0 forces a fresh login. */
  maxAge?: number;
  loginHint?: string;
  /** Org the login is restricted to by an org scope. */
  orgId?: string;
  /** Present when this request comes from the device flow rather than /authorize. */
  deviceCode?: string;
  /** Set by the login pages once a user has logged in for this request. */
  loginSessionId?: string;
  /** The browser (user-agent cookie) that started the request; only it may finish it (issue 12). */
  userAgentId?: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  expiresAt: number;
}

/**
 * How long a browser login answers without asking again: ZITADEL's default login policy
 * requires the password again after 10 days (passwordCheckLifetime 240h).
 */
export const LOGIN_SESSION_LIFETIME_SECONDS = 10 * 24 * 60 * 60;

/** A browser's login of one user (its id is the `sid` claim). */
export interface LoginSession {
  id: string;
  /** The browser (cookie) this login belongs to. */
  userAgentId: string;
  userId: string;
  /** Unix seconds. */
  authTime: number;
  amr: string[];
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export interface AuthCode {
  code: string;
  request: AuthRequest;
  userId: string;
  loginSessionId: string;
  authTime: number;
  amr: string[];
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** Set when redeemed: a second redemption revokes what the first one issued (RFC 6749 §4.1.2). */
  oidcSessionId?: string;
}

/** What a set of tokens was issued for; refreshes keep it and rotate the token ids. Times in unix seconds. */
export interface OidcSession {
  id: string;
  /** The issuer (domain) that issued its tokens; absent means the emulator's main issuer. */
  issuer?: string;
  userId: string;
  clientId: string;
  scopes: string[];
  /** The scopes first granted: a refresh may narrow to any subset of these (RFC 6749 §6). */
  grantedScopes: string[];
  audience: string[];
  authTime?: number;
  amr?: string[];
  sid?: string;
  nonce?: string;
  actor?: ActorClaim;
  /** Only the newest access token of a session is valid (reference §4.3). */
  accessTokenId: string;
  accessTokenIssuedAt: number;
  accessTokenExpiresAt: number;
  refreshTokenId?: string;
  /** The current opaque token strings, so rotation and revocation drop them without a scan. */
  opaqueAccessToken?: string;
  opaqueRefreshToken?: string;
  refreshIdleExpiresAt?: number;
  refreshAbsoluteExpiresAt?: number;
  createdAt: number;
}

/** An opaque token string points at the session and the token id it was minted as. */
export interface TokenRef {
  sessionId: string;
  tokenId: string;
}

/** RFC 8628 device authorization, from the device's request to the user's decision. */
export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scopes: string[];
  /** Milliseconds since the epoch. */
  expiresAt: number;
  status: 'pending' | 'approved' | 'denied' | 'redeemed';
  userId?: string;
  loginSessionId?: string;
  authTime?: number;
  amr?: string[];
}
