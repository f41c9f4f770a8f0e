// Holds the runtime state in memory for the request paths and saves it in the background
// (DESIGN §5): every change marks its record, and a save, a little later and once for a burst
// of changes, appends just those records to a journal file (journal-file.ts). A save therefore
// costs what changed, never what is alive; the journal is rewritten whole only when it has
// grown past a multiple of the live state, in chunks that let requests run in between.
import { Interner } from './interner.js';
import { COMMIT_LINE, JournalDecoder, JournalEncoder, JournalFormatError, RECORD_KINDS, isRecordKind, type RecordKind, type RecordTypes } from './journal-codec.js';
import { JournalFile } from './journal-file.js';
import { JournaledMap } from './journaled-map.js';
import { retireOldestServiceUserSessions, type Retirement } from './live-token-guard.js';
import { isExpired } from './record-expiry.js';
import type { AuthCode, AuthRequest, DeviceAuthorization, LoginSession, OidcSession, TokenRef } from './state-types.js';

/** Everything in the runtime state as plain data; also the format of the state file before the journal. */
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

export interface RuntimeStateOptions {
  /** The journal file; without it the state lives in memory only. */
  path?: string;
  /** Milliseconds since the epoch: what has expired is not loaded back. */
  now: () => number;
  /** Told when a state file could not be read and was moved aside. */
  warn: (message: string) => void;
  /** Told when a save failed (the next save tries again). */
  onError: (err: unknown) => void;
  /** Live OIDC sessions (one per issued token set) kept at most; default DEFAULT_MAX_LIVE_TOKENS. */
  maxLiveTokens?: number;
  /** Which users are service users: only their sessions are retired over the limit. */
  isServiceUser?: (userId: string) => boolean;
  /** Observes saves: 'started' when a save takes the pending changes, 'written' once they are on disk. */
  onSave?: (phase: 'started' | 'written', stats?: SaveStats) => void;
}

export interface SaveStats {
  /** The longest the save held the event loop in one go (encoding a chunk), in milliseconds. */
  longestStepMs: number;
  /** Whether the journal was rewritten whole (compaction) rather than appended to. */
  rewrite: boolean;
}

/** Generous: a million live token sets take ~1 GiB of memory (~960 bytes of RSS each, docs/benchmarks.md). */
export const DEFAULT_MAX_LIVE_TOKENS = 1_000_000;
const SAVE_DELAY_MS = 250;
const SWEEP_BATCH = 2000;
/** Records encoded between two writes, so a save or a rewrite never holds the event loop for long. */
const CHUNK_RECORDS = 250;
/** The journal is rewritten once it holds this many times more record lines than live records… */
const COMPACT_FACTOR = 2;
/** …and at least this many, so small states are not rewritten over and over. */
const COMPACT_MIN_LINES = 1000;

type Maps = { [K in RecordKind]: JournaledMap<RecordTypes[K]> };
const KINDS = Object.keys(RECORD_KINDS) as RecordKind[];

export class RuntimeState {
  readonly #dirty: Record<RecordKind, Set<string>> = { a: new Set(), c: new Set(), l: new Set(), o: new Set(), v: new Set() };
  readonly #interner = new Interner();
  readonly #maps: Maps = {
    a: new JournaledMap<AuthRequest>((key) => this.#mark('a', key)),
    c: new JournaledMap<AuthCode>((key) => this.#mark('c', key)),
    l: new JournaledMap<LoginSession>((key) => this.#mark('l', key)),
    o: new JournaledMap<OidcSession>((key) => this.#mark('o', key), (session) => this.#share(session)),
    v: new JournaledMap<DeviceAuthorization>((key) => this.#mark('v', key)),
  };

  readonly authRequests: Map<string, AuthRequest> = this.#maps.a;
  readonly codes: Map<string, AuthCode> = this.#maps.c;
  /** Read freely; change through addLoginSession / deleteLoginSession, which keep the per-browser index. */
  readonly loginSessions: Map<string, LoginSession> = this.#maps.l;
  readonly #loginSessionsByAgent = new Map<string, Set<string>>();
  readonly oidcSessions: Map<string, OidcSession> = this.#maps.o;
  /** Opaque token string → its session; derived from the sessions, never saved on its own. */
  readonly accessTokens = new Map<string, TokenRef>();
  readonly refreshTokens = new Map<string, TokenRef>();
  /** Keyed by device_code. */
  readonly deviceAuthorizations: Map<string, DeviceAuthorization> = this.#maps.v;

  readonly #file: JournalFile | undefined;
  readonly #options: RuntimeStateOptions;
  readonly #maxLiveTokens: number;
  #encoder = new JournalEncoder();
  /** Record lines in the journal file, to know when it has grown enough to rewrite it. */
  #recordLines = 0;
  #timer: NodeJS.Timeout | undefined;
  #longestStepMs = 0;
  #closed = false;
  #saving: Promise<void> = Promise.resolve();

  constructor(options: RuntimeStateOptions) {
    this.#options = options;
    this.#file = options.path === undefined ? undefined : new JournalFile(options.path);
    this.#maxLiveTokens = options.maxLiveTokens ?? DEFAULT_MAX_LIVE_TOKENS;
  }

  /** Reads the journal back (streamed); a file that does not load is moved aside with a warning. */
  async load(): Promise<void> {
    const file = this.#file;
    if (!file) return;
    const decoder = new JournalDecoder(this.#interner);
    try {
      const contents = await file.read({ batch: (lines) => this.#applyBatch(decoder, lines) });
      if (contents.format === 'snapshot') {
        // A state file from before the journal: taken over, and rewritten as a journal by the next save.
        this.restore(asSnapshot(contents.snapshot));
      } else if (contents.format === 'journal') {
        this.#encoder = JournalEncoder.resume(decoder.dictionary);
        this.#recordLines = contents.recordLines;
      }
      // What expired while the emulator was stopped goes, and its removal is saved: it never
      // comes back, not even if the clock is set back later.
      this.sweep(this.#options.now());
    } catch (err) {
      for (const kind of KINDS) for (const key of [...this.#maps[kind].keys()]) this.#maps[kind].forget(key);
      for (const kind of KINDS) this.#dirty[kind].clear();
      this.accessTokens.clear();
      this.refreshTokens.clear();
      this.#loginSessionsByAgent.clear();
      const aside = await file.setAside();
      this.#options.warn(`ignored unreadable state file ${file.path} (${err instanceof Error ? err.message : String(err)}); moved it to ${aside}`);
    }
  }

  addLoginSession(session: LoginSession): void {
    this.loginSessions.set(session.id, session);
    this.#indexLoginSession(session);
  }

  deleteLoginSession(id: string): void {
    const session = this.loginSessions.get(id);
    if (!session) return;
    this.loginSessions.delete(id);
    this.#unindexLoginSession(session);
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
    if (this.oidcSessions.get(session.id) === session) this.touch(this.oidcSessions, session.id);
  }

  /** Saves a record that was changed in place (saves write records that were set or deleted). */
  touch<V>(map: Map<string, V>, key: string): void {
    const record = map.get(key);
    if (record !== undefined) map.set(key, record);
  }

  findDeviceByUserCode(userCode: string): DeviceAuthorization | undefined {
    for (const device of this.deviceAuthorizations.values()) if (device.userCode === userCode) return device;
    return undefined;
  }

  /**
   * Retires the oldest service-user sessions while more sessions are live than the limit allows,
   * never `keep` (the one just issued). Returns what was retired, for the Activity note.
   */
  enforceLiveTokenLimit(keep: string): Retirement | undefined {
    if (this.oidcSessions.size <= this.#maxLiveTokens) return undefined;
    const isServiceUser = this.#options.isServiceUser;
    if (!isServiceUser) return undefined;
    return retireOldestServiceUserSessions(this.oidcSessions, {
      excess: this.oidcSessions.size - this.#maxLiveTokens,
      keep,
      isServiceUser,
      retire: (id) => this.removeOidcSession(id),
      limit: this.#maxLiveTokens,
    });
  }

  /** Schedules a save; set/delete on the maps call it, so call sites need not (kept for them). */
  changed(): void {
    if (!this.#file || this.#timer || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#save();
    }, SAVE_DELAY_MS);
    this.#timer.unref();
  }

  /**
   * Drops everything whose time is up; called periodically, never on a request path. Removals go
   * SWEEP_BATCH at a time, one batch per turn of the event loop: 100,000 tokens issued together
   * also expire together, and removing them in one go would stall requests.
   */
  sweep(nowMs: number): void {
    if (this.#closed) return;
    let budget = SWEEP_BATCH;
    const expired = <V>(map: Map<string, V>, kind: RecordKind, remove: (key: string) => void): void => {
      for (const [key, record] of map) {
        if (budget === 0) return;
        if (!isExpired(kind, record as RecordTypes[typeof kind], nowMs)) continue;
        remove(key);
        budget -= 1;
      }
    };
    expired(this.oidcSessions, 'o', (id) => this.removeOidcSession(id));
    expired(this.loginSessions, 'l', (id) => this.deleteLoginSession(id));
    expired(this.authRequests, 'a', (id) => this.authRequests.delete(id));
    expired(this.codes, 'c', (code) => this.codes.delete(code));
    expired(this.deviceAuthorizations, 'v', (code) => this.deviceAuthorizations.delete(code));
    if (budget === 0) setImmediate(() => this.sweep(nowMs)).unref();
  }

  removeOidcSession(id: string): boolean {
    const session = this.oidcSessions.get(id);
    if (!session) return false;
    this.oidcSessions.delete(id);
    this.forgetTokens(session);
    return true;
  }

  /** Removes everything (each removal is saved like any other). */
  clear(): void {
    for (const kind of KINDS) this.#maps[kind].clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.#loginSessionsByAgent.clear();
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

  /** Replaces everything with a snapshot's content (saved like any other change). */
  restore(snapshot: StateSnapshot): void {
    this.clear();
    for (const r of snapshot.authRequests) this.authRequests.set(r.id, r);
    for (const c of snapshot.codes) this.codes.set(c.code, c);
    for (const s of snapshot.loginSessions) this.addLoginSession(s);
    // Snapshots written before sessions named their opaque tokens still list them beside.
    const sessions = new Map(snapshot.oidcSessions.map((s) => [s.id, { ...s }]));
    for (const [token, ref] of snapshot.accessTokens) {
      const s = sessions.get(ref.sessionId);
      if (s && s.accessTokenId === ref.tokenId) s.opaqueAccessToken = token;
    }
    for (const [token, ref] of snapshot.refreshTokens) {
      const s = sessions.get(ref.sessionId);
      if (s && s.refreshTokenId === ref.tokenId) s.opaqueRefreshToken = token;
    }
    for (const s of sessions.values()) {
      this.oidcSessions.set(s.id, s);
      this.#indexTokens(s);
    }
    for (const d of snapshot.deviceAuthorizations ?? []) this.deviceAuthorizations.set(d.deviceCode, d);
  }

  /** Writes pending changes now (only those); used on shutdown. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    // Also retries what a failed save gave back.
    if (KINDS.some((kind) => this.#dirty[kind].size > 0)) this.#save();
    await this.#saving;
  }

  /** Flushes and lets go of the file. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
    await this.#file?.close();
  }

  #mark(kind: RecordKind, key: string): void {
    this.#dirty[kind].add(key);
    this.changed();
  }

  /** Session fields many sessions have alike become references to one shared value. */
  #share(session: OidcSession): OidcSession {
    const interner = this.#interner;
    session.userId = interner.string(session.userId);
    session.clientId = interner.string(session.clientId);
    session.scopes = interner.structured(session.scopes);
    session.grantedScopes = interner.structured(session.grantedScopes);
    session.audience = interner.structured(session.audience);
    if (session.amr) session.amr = interner.structured(session.amr);
    return session;
  }

  #indexTokens(session: OidcSession): void {
    if (session.opaqueAccessToken !== undefined) this.accessTokens.set(session.opaqueAccessToken, { sessionId: session.id, tokenId: session.accessTokenId });
    if (session.opaqueRefreshToken !== undefined && session.refreshTokenId !== undefined) {
      this.refreshTokens.set(session.opaqueRefreshToken, { sessionId: session.id, tokenId: session.refreshTokenId });
    }
  }

  #indexLoginSession(session: LoginSession): void {
    const ids = this.#loginSessionsByAgent.get(session.userAgentId) ?? new Set<string>();
    ids.add(session.id);
    this.#loginSessionsByAgent.set(session.userAgentId, ids);
  }

  #unindexLoginSession(session: LoginSession): void {
    const ids = this.#loginSessionsByAgent.get(session.userAgentId);
    ids?.delete(session.id);
    if (ids?.size === 0) this.#loginSessionsByAgent.delete(session.userAgentId);
  }

  /** One complete save read back from the journal: its records, put or removed, in order. */
  #applyBatch(decoder: JournalDecoder, lines: unknown[]): void {
    for (const line of lines) {
      const [kind, key, value] = line as unknown[];
      if (kind === 'k') {
        decoder.define(key);
        continue;
      }
      if (!isRecordKind(kind) || typeof key !== 'string') throw new JournalFormatError('a line names no record');
      const removed = (line as unknown[]).length === 2;
      if (kind === 'o') this.#restoreSession(key, removed ? undefined : decoder.session(key, value));
      else if (kind === 'l') this.#restoreLoginSession(key, removed ? undefined : decoder.plain('l', key, value));
      else if (removed) this.#maps[kind].forget(key);
      else if (kind === 'a') this.#maps.a.restoreEntry(key, decoder.plain('a', key, value));
      else if (kind === 'c') this.#maps.c.restoreEntry(key, decoder.plain('c', key, value));
      else this.#maps.v.restoreEntry(key, decoder.plain('v', key, value));
    }
  }

  #restoreSession(id: string, session: OidcSession | undefined): void {
    const previous = this.oidcSessions.get(id);
    if (previous) this.forgetTokens(previous);
    if (!session) return this.#maps.o.forget(id);
    this.#maps.o.restoreEntry(id, session);
    this.#indexTokens(session);
  }

  #restoreLoginSession(id: string, session: LoginSession | undefined): void {
    const previous = this.loginSessions.get(id);
    if (previous) this.#unindexLoginSession(previous);
    if (!session) return this.#maps.l.forget(id);
    this.#maps.l.restoreEntry(id, session);
    this.#indexLoginSession(session);
  }

  #takeDirty(): Record<RecordKind, Set<string>> {
    const taken = { ...this.#dirty };
    for (const kind of KINDS) this.#dirty[kind] = new Set();
    return taken;
  }

  #giveBackDirty(taken: Record<RecordKind, Set<string>>): void {
    for (const kind of KINDS) for (const key of taken[kind]) this.#dirty[kind].add(key);
  }

  #stepDone(started: number): void {
    this.#longestStepMs = Math.max(this.#longestStepMs, performance.now() - started);
  }

  #liveRecords(): number {
    let live = 0;
    for (const kind of KINDS) live += this.#maps[kind].size;
    return live;
  }

  #save(): void {
    const file = this.#file;
    if (!file) return;
    this.#saving = this.#saving
      .then(async () => {
        this.#options.onSave?.('started');
        const rewrite = !file.isOpen || this.#recordLines > COMPACT_FACTOR * this.#liveRecords() + COMPACT_MIN_LINES;
        this.#longestStepMs = 0;
        await (rewrite ? this.#rewrite(file) : this.#append(file));
        this.#options.onSave?.('written', { longestStepMs: this.#longestStepMs, rewrite });
      })
      // The changes stay marked: the next save (after the next change, or on close) retries them.
      .catch((err: unknown) => this.#options.onError(err));
  }

  /** Appends the records changed since the last save, a chunk at a time, then the commit line. */
  async #append(file: JournalFile): Promise<void> {
    if (KINDS.every((kind) => this.#dirty[kind].size === 0)) return;
    let stepStarted = performance.now();
    const dirty = this.#takeDirty();
    try {
      let text = '';
      let inChunk = 0;
      for (const kind of KINDS) {
        const map = this.#maps[kind];
        for (const key of dirty[kind]) {
          text += this.#encoder.record(kind, key, map.get(key));
          this.#recordLines += 1;
          if (++inChunk < CHUNK_RECORDS) continue;
          this.#stepDone(stepStarted);
          await file.append(text);
          stepStarted = performance.now();
          text = '';
          inChunk = 0;
        }
      }
      this.#stepDone(stepStarted);
      await file.append(text + COMMIT_LINE);
      await file.sync();
    } catch (err) {
      this.#giveBackDirty(dirty);
      throw err;
    }
  }

  /** Writes every live record to a new journal (a commit per chunk), replacing the old file. */
  async #rewrite(file: JournalFile): Promise<void> {
    // Changes made while the rewrite runs are marked again and appended after it.
    const dirty = this.#takeDirty();
    const encoder = new JournalEncoder();
    let written = 0;
    try {
      await file.rewrite(async (write) => {
        let stepStarted = performance.now();
        let text = '';
        for (const kind of KINDS) {
          const entries = [...this.#maps[kind].entries()];
          for (const [key, record] of entries) {
            text += encoder.record(kind, key, record);
            if (++written % CHUNK_RECORDS !== 0) continue;
            this.#stepDone(stepStarted);
            await write(text + COMMIT_LINE);
            stepStarted = performance.now();
            text = '';
          }
        }
        this.#stepDone(stepStarted);
        await write(text + COMMIT_LINE);
      });
    } catch (err) {
      this.#giveBackDirty(dirty);
      throw err;
    }
    this.#encoder = encoder;
    this.#recordLines = written;
  }
}

/** The legacy snapshot was checked for its version only; its lists are taken as they are. */
function asSnapshot(value: unknown): StateSnapshot {
  const s = value as Partial<StateSnapshot>;
  const lists = [s.authRequests, s.codes, s.loginSessions, s.oidcSessions, s.accessTokens, s.refreshTokens];
  if (!lists.every(Array.isArray)) throw new Error('the snapshot lacks a list');
  return value as StateSnapshot;
}
