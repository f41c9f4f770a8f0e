// Holds the runtime state in memory for the request paths and saves it in the background
// (debounced, atomic, off the request path) so logins and tokens survive a restart (DESIGN §5).
import type { AuthCode, AuthRequest, DeviceAuthorization, LoginSession, OidcSession, TokenRef } from './state-types.js';

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

export class RuntimeState {
  readonly authRequests = new Map<string, AuthRequest>();
  readonly codes = new Map<string, AuthCode>();
  readonly loginSessions = new Map<string, LoginSession>();
  readonly oidcSessions = new Map<string, OidcSession>();
  readonly accessTokens = new Map<string, TokenRef>();
  readonly refreshTokens = new Map<string, TokenRef>();
  /** Keyed by device_code. */
  readonly deviceAuthorizations = new Map<string, DeviceAuthorization>();

  #saver: StateSaver | undefined;
  #timer: NodeJS.Timeout | undefined;
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
    for (const s of snapshot.loginSessions) this.loginSessions.set(s.id, s);
    for (const s of snapshot.oidcSessions) this.oidcSessions.set(s.id, s);
    for (const [token, ref] of snapshot.accessTokens) this.accessTokens.set(token, ref);
    for (const [token, ref] of snapshot.refreshTokens) this.refreshTokens.set(token, ref);
    for (const d of snapshot.deviceAuthorizations ?? []) this.deviceAuthorizations.set(d.deviceCode, d);
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
    }, SAVE_DELAY_MS);
    this.#timer.unref();
  }

  /** Drops everything whose time is up; called periodically, never on a request path. */
  sweep(nowMs: number): void {
    const nowS = Math.floor(nowMs / 1000);
    let removed = false;
    for (const [id, r] of this.authRequests) if (r.expiresAt <= nowMs) removed = this.authRequests.delete(id);
    for (const [code, c] of this.codes) if (c.expiresAt <= nowMs) removed = this.codes.delete(code);
    for (const [code, d] of this.deviceAuthorizations) if (d.expiresAt <= nowMs) removed = this.deviceAuthorizations.delete(code);
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
    // Token maps are keyed by token string; stale entries are harmless (their session is gone)
    // but would grow the state file, so drop them too.
    for (const [token, ref] of this.accessTokens) if (ref.sessionId === id) this.accessTokens.delete(token);
    for (const [token, ref] of this.refreshTokens) if (ref.sessionId === id) this.refreshTokens.delete(token);
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
    this.#saving = this.#saving.then(() => saver.save(this.snapshot())).catch(this.#onError);
  }
}
