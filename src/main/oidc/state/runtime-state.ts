// Holds the runtime state in memory for the request paths and saves it in the background
// (debounced, atomic, off the request path) so logins and tokens survive a restart (DESIGN §5).
import { LOGIN_SESSION_LIFETIME_SECONDS, type AuthCode, type AuthRequest, type DeviceAuthorization, type LoginSession, type OidcSession, type TokenRef } from './state-types.js';

export interface StateSnapshot {
  version: 1;
  authRequests: AuthRequest[];
  codes: AuthCode[];
  loginSessions: LoginSession[];
  oidcSessions: OidcSession[];
  accessTokens: [string, TokenRef][];
  refreshTokens: [string, TokenRef][];
  deviceAuthorizations?: DeviceAuthorization[];
}

export interface StateSaver {
  load(): Promise<StateSnapshot | null>;
  save(snapshot: StateSnapshot): Promise<void>;
}

const SAVE_DELAY_MS = 250;
/**
 * Serialising the state blocks the event loop for a time that grows with the number of live
 * tokens (~250 ms per 100,000 sessions), so saves are spaced out to at most ~10% of the time.
 */
const SAVE_COST_FACTOR = 10;

export class RuntimeState {
  readonly authRequests = new Map<string, AuthRequest>();
  readonly codes = new Map<string, AuthCode>();
  /** Read freely; change through addLoginSession / deleteLoginSession, which keep the per-browser index. */
  readonly loginSessions = new Map<string, LoginSession>();
  readonly #loginSessionsByAgent = new Map<string, Set<string>>();
  readonly oidcSessions = new Map<string, OidcSession>();
  readonly accessTokens = new Map<string, TokenRef>();
  readonly refreshTokens = new Map<string, TokenRef>();
  /** Keyed by device_code. */
  readonly deviceAuthorizations = new Map<string, DeviceAuthorization>();

  #saver: StateSaver | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** Milliseconds the last save kept the event loop busy. */
  #lastSaveCost = 0;
  #saving: Promise<void> = Promise.resolve();
  #onError: (err: unknown) => void;

  constructor(saver: StateSaver | undefined, onError: (err: unknown) => void) {
    this.#saver = saver;
    this.#onError = onError;
  }

  async load(): Promise<void> {
    const snapshot = await this.#saver?.load();
    if (!snapshot) return;
    for (const r of snapshot.authRequests) this.authRequests.set(r.id, r);
    for (const c of snapshot.codes) this.codes.set(c.code, c);
    for (const s of snapshot.loginSessions) this.addLoginSession(s);
    for (const s of snapshot.oidcSessions) this.oidcSessions.set(s.id, s);
    for (const [token, ref] of snapshot.accessTokens) this.accessTokens.set(token, ref);
    for (const [token, ref] of snapshot.refreshTokens) this.refreshTokens.set(token, ref);
    for (const d of snapshot.deviceAuthorizations ?? []) this.deviceAuthorizations.set(d.deviceCode, d);
  }

  /** Forgets everything (the test bridge's reset): every earlier code, session and token is gone. */
  clear(): void {
    this.authRequests.clear();
    this.codes.clear();
    this.loginSessions.clear();
    this.#loginSessionsByAgent.clear();
    this.oidcSessions.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.deviceAuthorizations.clear();
    this.changed();
  }

  /** Replaces everything with a snapshot taken earlier (the test bridge's restore). */
  replaceWith(snapshot: StateSnapshot): void {
    this.clear();
    const copy = structuredClone(snapshot);
    for (const r of copy.authRequests) this.authRequests.set(r.id, r);
    for (const c of copy.codes) this.codes.set(c.code, c);
    for (const s of copy.loginSessions) this.addLoginSession(s);
    for (const s of copy.oidcSessions) this.oidcSessions.set(s.id, s);
    for (const [token, ref] of copy.accessTokens) this.accessTokens.set(token, ref);
    for (const [token, ref] of copy.refreshTokens) this.refreshTokens.set(token, ref);
    for (const d of copy.deviceAuthorizations ?? []) this.deviceAuthorizations.set(d.deviceCode, d);
  }

  addLoginSession(session: LoginSession): void {
    this.loginSessions.set(session.id, session);
    const ids = this.#loginSessionsByAgent.get(session.userAgentId) ?? new Set<string>();
    ids.add(session.id);
    this.#loginSessionsByAgent.set(session.userAgentId, ids);
  }

  deleteLoginSession(id: string): void {
    const session = this.loginSessions.get(id);
    if (!session) return;
    this.loginSessions.delete(id);
    const ids = this.#loginSessionsByAgent.get(session.userAgentId);
    ids?.delete(id);
    if (ids?.size === 0) this.#loginSessionsByAgent.delete(session.userAgentId);
  }

  /** The logins of one browser, without scanning everyone's. */
  loginSessionsOf(userAgentId: string): LoginSession[] {
    const ids = this.#loginSessionsByAgent.get(userAgentId);
    return ids ? [...ids].flatMap((id) => this.loginSessions.get(id) ?? []) : [];
  }

  /** Drops the session's current opaque token strings (rotation, revocation, removal). */
  forgetTokens(session: OidcSession): void {
    if (session.opaqueAccessToken !== undefined) this.accessTokens.delete(session.opaqueAccessToken);
    if (session.opaqueRefreshToken !== undefined) this.refreshTokens.delete(session.opaqueRefreshToken);
  }

  /** Ends the session's current access token; its refresh token stays usable. */
  revokeAccessToken(session: OidcSession): void {
    if (session.opaqueAccessToken !== undefined) this.accessTokens.delete(session.opaqueAccessToken);
    delete session.opaqueAccessToken;
    session.accessTokenId = '';
  }

  findDeviceByUserCode(userCode: string): DeviceAuthorization | undefined {
    for (const device of this.deviceAuthorizations.values()) if (device.userCode === userCode) return device;
    return undefined;
  }

  /** Call after every change; the save happens later, once for a burst of changes. */
  changed(): void {
    if (!this.#saver || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#save();
    }, Math.max(SAVE_DELAY_MS, this.#lastSaveCost * SAVE_COST_FACTOR));
    this.#timer.unref();
  }

  /** Drops everything whose time is up; called periodically, never on a request path. */
  sweep(nowMs: number): void {
    const nowS = Math.floor(nowMs / 1000);
    let removed = false;
    for (const [id, r] of this.authRequests) if (r.expiresAt <= nowMs) removed = this.authRequests.delete(id);
    for (const [code, c] of this.codes) if (c.expiresAt <= nowMs) removed = this.codes.delete(code);
    for (const [code, d] of this.deviceAuthorizations) if (d.expiresAt <= nowMs) removed = this.deviceAuthorizations.delete(code);
    for (const s of [...this.loginSessions.values()]) {
      if (s.authTime + LOGIN_SESSION_LIFETIME_SECONDS > nowS) continue;
      this.deleteLoginSession(s.id);
      removed = true;
    }
    for (const [id, s] of this.oidcSessions) {
      const refreshAlive = s.refreshTokenId !== undefined && (s.refreshIdleExpiresAt ?? 0) > nowS;
      if (!refreshAlive && s.accessTokenExpiresAt <= nowS) removed = this.removeOidcSession(id) || removed;
    }
    if (removed) this.changed();
  }

  removeOidcSession(id: string): boolean {
    const session = this.oidcSessions.get(id);
    if (!session) return false;
    this.oidcSessions.delete(id);
    this.forgetTokens(session);
    return true;
  }

  snapshot(): StateSnapshot {
    return {
      version: 1,
      authRequests: [...this.authRequests.values()],
      codes: [...this.codes.values()],
      loginSessions: [...this.loginSessions.values()],
      oidcSessions: [...this.oidcSessions.values()],
      accessTokens: [...this.accessTokens.entries()],
      refreshTokens: [...this.refreshTokens.entries()],
      deviceAuthorizations: [...this.deviceAuthorizations.values()],
    };
  }

  /** Writes pending changes now; used on shutdown. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#save();
    }
    await this.#saving;
  }

  #save(): void {
    const saver = this.#saver;
    if (!saver) return;
    this.#saving = this.#saving
      .then(() => {
        const started = performance.now();
        // The snapshot and its serialisation are synchronous; the file write is not.
        const written = saver.save(this.snapshot());
        this.#lastSaveCost = performance.now() - started;
        return written;
      })
      .catch(this.#onError);
  }
}
