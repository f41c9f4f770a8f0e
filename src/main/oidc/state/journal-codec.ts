// The runtime state journal's lines (JSON Lines, one change per line), see journal-file.ts:
//
//   {"v":2}                       header, first line of every journal file
//   ["k",<value>]                 dictionary entry number n (n-th "k" line): a client id, user
//                                 id, scope list, audience, amr or actor many sessions share
//   [<kind>,<key>,<record>]       a record was added or changed (kinds below)
//   [<kind>,<key>]                a record was removed
//   "!"                           commit: the lines since the previous "!" form one save
//
// OIDC sessions (one per live token) are the bulk, so they are written positionally with
// dictionary numbers for the shared values: ~150 bytes instead of ~550 as a JSON object.
import type { Interner } from './interner.js';
import { structuredKey } from './interner.js';
import type { AuthCode, AuthRequest, DeviceAuthorization, LoginSession, OidcSession } from './state-types.js';

export const JOURNAL_HEADER = '{"v":2}\n';
export const COMMIT_LINE = '"!"\n';

export const RECORD_KINDS = {
  a: 'authRequests',
  c: 'codes',
  l: 'loginSessions',
  o: 'oidcSessions',
  v: 'deviceAuthorizations',
} as const;
export type RecordKind = keyof typeof RECORD_KINDS;

export interface RecordTypes {
  a: AuthRequest;
  c: AuthCode;
  l: LoginSession;
  o: OidcSession;
  v: DeviceAuthorization;
}

export function isRecordKind(value: unknown): value is RecordKind {
  return typeof value === 'string' && Object.hasOwn(RECORD_KINDS, value);
}

/** Positions of an OIDC session's fields; absent fields are null, trailing nulls are left out. */
type SessionRow = (string | number | null)[];

/** Writes lines for one journal file: knows which dictionary entries that file already has. */
export class JournalEncoder {
  readonly #strings = new Map<string, number>();
  readonly #structured = new Map<string, number>();
  /** Interned values are shared, so most lookups hit this before any key is built. */
  #byObject = new WeakMap<object, number>();
  #size = 0;
  /** Dictionary lines the next record needs, written before it. */
  #pending = '';

  /** Starts from the dictionary of a journal that was loaded (entries in file order). */
  static resume(entries: readonly unknown[]): JournalEncoder {
    const encoder = new JournalEncoder();
    for (const value of entries) encoder.#remember(value);
    return encoder;
  }

  #remember(value: unknown): number {
    const n = this.#size++;
    if (typeof value === 'string') this.#strings.set(value, n);
    else if (typeof value === 'object' && value !== null) {
      this.#structured.set(structuredKey(value), n);
      this.#byObject.set(value, n);
    }
    return n;
  }

  #ref(value: string | object): number {
    if (typeof value === 'string') {
      const known = this.#strings.get(value);
      if (known !== undefined) return known;
    } else {
      const byObject = this.#byObject.get(value);
      if (byObject !== undefined) return byObject;
      const known = this.#structured.get(structuredKey(value));
      if (known !== undefined) {
        this.#byObject.set(value, known);
        return known;
      }
    }
    this.#pending += `["k",${JSON.stringify(value)}]\n`;
    return this.#remember(value);
  }

  #optRef(value: string | object | undefined): number | null {
    return value === undefined ? null : this.#ref(value);
  }

  /** The lines for one record as it is now (undefined: it was removed). */
  record<K extends RecordKind>(kind: K, key: string, value: RecordTypes[K] | undefined): string {
    if (value === undefined) return `[${JSON.stringify(kind)},${JSON.stringify(key)}]\n`;
    const body = kind === 'o' ? JSON.stringify(this.#sessionRow(value as OidcSession)) : JSON.stringify(value);
    const line = `["${kind}",${JSON.stringify(key)},${body}]\n`;
    const withDictionary = this.#pending + line;
    this.#pending = '';
    return withDictionary;
  }

  #sessionRow(s: OidcSession): SessionRow {
    const row: SessionRow = [
      this.#ref(s.userId),
      this.#ref(s.clientId),
      this.#ref(s.scopes),
      this.#ref(s.grantedScopes),
      this.#ref(s.audience),
      s.accessTokenId,
      s.accessTokenIssuedAt,
      s.accessTokenExpiresAt,
      s.createdAt,
      s.opaqueAccessToken ?? null,
      s.refreshTokenId ?? null,
      s.opaqueRefreshToken ?? null,
      s.refreshIdleExpiresAt ?? null,
      s.refreshAbsoluteExpiresAt ?? null,
      s.authTime ?? null,
      this.#optRef(s.amr),
      s.sid ?? null,
      s.nonce ?? null,
      this.#optRef(s.actor),
      // The instance domain that issued it (issue 16); absent for the main issuer.
      this.#optRef(s.issuer),
    ];
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    return row;
  }
}

/** A line that does not have the shape its kind needs: the journal is broken, not torn. */
export class JournalFormatError extends Error {
  override name = 'JournalFormatError';
}

function str(row: SessionRow, i: number): string | undefined {
  const v = row[i];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'string') throw new JournalFormatError(`session field ${i} is not a string`);
  return v;
}

function num(row: SessionRow, i: number): number | undefined {
  const v = row[i];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'number') throw new JournalFormatError(`session field ${i} is not a number`);
  return v;
}

/** Reads one journal's records back, sharing dictionary values through the interner. */
export class JournalDecoder {
  readonly dictionary: unknown[] = [];
  readonly #interner: Interner;

  constructor(interner: Interner) {
    this.#interner = interner;
  }

  define(value: unknown): void {
    this.dictionary.push(this.#interner.any(value));
  }

  #lookup(row: SessionRow, i: number): unknown {
    const n = row[i];
    if (n === null || n === undefined) return undefined;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n >= this.dictionary.length) {
      throw new JournalFormatError(`session field ${i} is not a dictionary entry`);
    }
    return this.dictionary[n];
  }

  #lookupString(row: SessionRow, i: number): string {
    const v = this.#lookup(row, i);
    if (typeof v !== 'string') throw new JournalFormatError(`session field ${i} is not a string entry`);
    return v;
  }

  #lookupStrings(row: SessionRow, i: number): string[] | undefined {
    const v = this.#lookup(row, i);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new JournalFormatError(`session field ${i} is not a list entry`);
    return v as string[];
  }

  session(id: string, value: unknown): OidcSession {
    if (!Array.isArray(value)) throw new JournalFormatError('a session is not a row');
    const row = value as SessionRow;
    const required = <T>(v: T | undefined, i: number): T => {
      if (v === undefined) throw new JournalFormatError(`session field ${i} is missing`);
      return v;
    };
    const session: OidcSession = {
      id,
      userId: this.#lookupString(row, 0),
      clientId: this.#lookupString(row, 1),
      scopes: required(this.#lookupStrings(row, 2), 2),
      grantedScopes: required(this.#lookupStrings(row, 3), 3),
      audience: required(this.#lookupStrings(row, 4), 4),
      accessTokenId: required(str(row, 5), 5),
      accessTokenIssuedAt: required(num(row, 6), 6),
      accessTokenExpiresAt: required(num(row, 7), 7),
      createdAt: required(num(row, 8), 8),
    };
    // Field by field (not a loop over entries): this runs once per live token at start.
    const opaqueAccessToken = str(row, 9);
    if (opaqueAccessToken !== undefined) session.opaqueAccessToken = opaqueAccessToken;
    if (row.length <= 10) return session;
    const refreshTokenId = str(row, 10);
    if (refreshTokenId !== undefined) session.refreshTokenId = refreshTokenId;
    const opaqueRefreshToken = str(row, 11);
    if (opaqueRefreshToken !== undefined) session.opaqueRefreshToken = opaqueRefreshToken;
    const refreshIdleExpiresAt = num(row, 12);
    if (refreshIdleExpiresAt !== undefined) session.refreshIdleExpiresAt = refreshIdleExpiresAt;
    const refreshAbsoluteExpiresAt = num(row, 13);
    if (refreshAbsoluteExpiresAt !== undefined) session.refreshAbsoluteExpiresAt = refreshAbsoluteExpiresAt;
    const authTime = num(row, 14);
    if (authTime !== undefined) session.authTime = authTime;
    const amr = this.#lookupStrings(row, 15);
    if (amr !== undefined) session.amr = amr;
    const sid = str(row, 16);
    if (sid !== undefined) session.sid = sid;
    const nonce = str(row, 17);
    if (nonce !== undefined) session.nonce = nonce;
    const actor = this.#lookup(row, 18);
    if (actor !== undefined) {
      if (typeof actor !== 'object' || actor === null || Array.isArray(actor)) throw new JournalFormatError('session field 18 is not an object entry');
      session.actor = actor as NonNullable<OidcSession['actor']>;
    }
    const issuer = this.#lookup(row, 19);
    if (issuer !== undefined) {
      if (typeof issuer !== 'string') throw new JournalFormatError('session field 19 is not a string entry');
      session.issuer = issuer;
    }
    return session;
  }

  /** Other kinds are plain JSON objects; their key must match the record's own id. */
  plain<K extends Exclude<RecordKind, 'o'>>(kind: K, key: string, value: unknown): RecordTypes[K] {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new JournalFormatError(`a ${RECORD_KINDS[kind]} record is not an object`);
    const own = kind === 'c' ? (value as { code?: unknown }).code : kind === 'v' ? (value as { deviceCode?: unknown }).deviceCode : (value as { id?: unknown }).id;
    if (own !== key) throw new JournalFormatError(`a ${RECORD_KINDS[kind]} record is filed under another key`);
    return value as RecordTypes[K];
  }
}
