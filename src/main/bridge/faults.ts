// The armed faults of the test bridge: what a test asked to go wrong, on which endpoint, for
// which grant, app and user, how many more times. Faults are matched and used up by the fault
// middleware (fault-middleware.ts); this file only validates, stores and matches them.
import { TAMPER_KINDS, type TamperKind } from '../oidc/tokens/tamper-jwt.js';
import type { Store } from '../store/store.js';
import { BridgeError } from './bridge-error.js';

export const FAULT_ENDPOINTS = [
  'discovery',
  'keys',
  'authorize',
  'token',
  'introspect',
  'userinfo',
  'revoke',
  'end_session',
  'device_authorization',
] as const;
export type FaultEndpoint = (typeof FAULT_ENDPOINTS)[number];


export interface FaultError {
  /** HTTP status, 400–599; default 400. */
  status?: number;
  /** The OAuth error code, e.g. invalid_grant. */
  error: string;
  error_description?: string;
}

/** What a test passes to faults.add. Exactly one of error, delayMs, drop and tamper. */
export interface FaultInput {
  endpoint: FaultEndpoint;
  /** Token endpoint only: the grant_type it applies to. */
  grantType?: string;
  clientId?: string;
  /** User name, login name or id. */
  user?: string;
  /** How many requests it applies to; default 1, Infinity allowed. */
  times?: number;
  error?: FaultError;
  delayMs?: number;
  drop?: true;
  tamper?: TamperKind;
}

export type FaultAction = 'error' | 'delay' | 'drop' | 'tamper';

export interface Fault extends FaultInput {
  id: string;
  action: FaultAction;
  /** Requests it still applies to (Infinity for a permanent fault). */
  remaining: number;
}

/** Facts of a request a fault may match on; the user is an id. */
export interface RequestFacts {
  grantType?: string;
  clientId?: string;
  userId?: string;
  /** The browser login (sid) the request belongs to: not matched, only shown in Activity. */
  sessionId?: string;
}

/** Delays beyond this would only make a test time out: refuse them as a mistake. */
const MAX_DELAY_MS = 5 * 60 * 1000;
/** RFC 6749 §5.2: error codes are printable ASCII without `"` and `\`. */
const ERROR_CODE = /^[\x20\x21\x23-\x5B\x5D-\x7E]+$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalText(input: Record<string, unknown>, field: string): string | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new BridgeError(`${field} must be a non-empty string`, field);
  return value;
}

function readTimes(value: unknown): number {
  if (value === undefined) return 1;
  if (value === 'Infinity' || value === Infinity) return Infinity;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new BridgeError('times must be a whole number of at least 1, or Infinity', 'times');
  return value;
}

function readError(value: unknown): FaultError {
  if (!isRecord(value)) throw new BridgeError('error must be an object like {"status": 400, "error": "invalid_grant"}', 'error');
  const { status = 400, error, error_description: description } = value;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) throw new BridgeError('error.status must be an HTTP error status from 400 to 599', 'error.status');
  if (typeof error !== 'string' || !ERROR_CODE.test(error)) throw new BridgeError('error.error must be an OAuth error code such as invalid_grant', 'error.error');
  if (description !== undefined && (typeof description !== 'string' || !ERROR_CODE.test(description))) {
    throw new BridgeError('error.error_description must be printable ASCII without " or \\ (RFC 6749 §5.2)', 'error.error_description');
  }
  return { status, error, ...(description !== undefined && { error_description: description }) };
}

/** Checks a fault a test described (library or JSON) and returns it in canonical form. */
export function parseFault(input: unknown): FaultInput & { action: FaultAction; times: number } {
  if (!isRecord(input)) throw new BridgeError('a fault must be an object');
  const known = new Set(['endpoint', 'grantType', 'clientId', 'user', 'times', 'error', 'delayMs', 'drop', 'tamper']);
  const unknown = Object.keys(input).find((k) => !known.has(k));
  if (unknown !== undefined) throw new BridgeError(`unknown fault field "${unknown}"`, unknown);
  const endpoint = input.endpoint;
  if (typeof endpoint !== 'string' || !(FAULT_ENDPOINTS as readonly string[]).includes(endpoint)) {
    throw new BridgeError(`endpoint must be one of ${FAULT_ENDPOINTS.join(', ')}`, 'endpoint');
  }
  const grantType = optionalText(input, 'grantType');
  if (grantType !== undefined && endpoint !== 'token') throw new BridgeError('grantType applies to the token endpoint only', 'grantType');
  const clientId = optionalText(input, 'clientId');
  const user = optionalText(input, 'user');
  const actions = (['error', 'delayMs', 'drop', 'tamper'] as const).filter((k) => input[k] !== undefined);
  if (actions.length !== 1) throw new BridgeError('give exactly one of error, delayMs, drop and tamper', actions[1] ?? 'error');
  const base = {
    endpoint: endpoint as FaultEndpoint,
    times: readTimes(input.times),
    ...(grantType !== undefined && { grantType }),
    ...(clientId !== undefined && { clientId }),
    ...(user !== undefined && { user }),
  };
  if (input.error !== undefined) return { ...base, action: 'error', error: readError(input.error) };
  if (input.delayMs !== undefined) {
    const delayMs = input.delayMs;
    if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0 || delayMs > MAX_DELAY_MS) {
      throw new BridgeError(`delayMs must be a number of milliseconds from 0 to ${MAX_DELAY_MS}`, 'delayMs');
    }
    return { ...base, action: 'delay', delayMs };
  }
  if (input.drop !== undefined) {
    if (input.drop !== true) throw new BridgeError('drop must be true', 'drop');
    return { ...base, action: 'drop', drop: true };
  }
  const tamper = input.tamper;
  if (typeof tamper !== 'string' || !(TAMPER_KINDS as readonly string[]).includes(tamper)) {
    throw new BridgeError(`tamper must be one of ${TAMPER_KINDS.join(', ')}`, 'tamper');
  }
  if (endpoint !== 'token') throw new BridgeError('tamper changes token responses: use it with endpoint "token"', 'tamper');
  return { ...base, action: 'tamper', tamper: tamper as TamperKind };
}

export class Faults {
  readonly #store: Store;
  #faults: Fault[] = [];
  #nextId = 1;
  #listeners = new Set<() => void>();

  constructor(store: Store) {
    this.#store = store;
  }

  /** Arms a fault (a FaultInput, or JSON from the admin API); returns its id. Throws BridgeError for a malformed one. */
  add(input: unknown): string {
    const { times, ...parsed } = parseFault(input);
    const fault: Fault = { ...parsed, id: String(this.#nextId++), remaining: times };
    this.#faults.push(fault);
    this.#changed();
    return fault.id;
  }

  list(): Fault[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  remove(id: string): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((f) => f.id !== id);
    if (this.#faults.length === before) return false;
    this.#changed();
    return true;
  }

  clear(): void {
    if (this.#faults.length === 0) return;
    this.#faults = [];
    this.#changed();
  }

  /** Cheap check on every protocol request: is anything armed for this endpoint (and action)? */
  isArmed(endpoint: FaultEndpoint, tamper = false): boolean {
    return this.#faults.some((f) => f.endpoint === endpoint && (f.action === 'tamper') === tamper);
  }

  /** The first matching fault of the request (tamper: false) or response (tamper: true) phase, used up once. */
  take(endpoint: FaultEndpoint, facts: RequestFacts, tamper: boolean): Fault | undefined {
    const fault = this.#faults.find((f) => f.endpoint === endpoint && (f.action === 'tamper') === tamper && this.#matches(f, facts));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults = this.#faults.filter((f) => f !== fault);
    this.#changed();
    return { ...fault };
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #matches(fault: Fault, facts: RequestFacts): boolean {
    if (fault.grantType !== undefined && fault.grantType !== facts.grantType) return false;
    if (fault.clientId !== undefined) {
      const app = this.#store.index.appsByClientId.get(fault.clientId) ?? this.#store.data.apps.find((a) => a.name === fault.clientId);
      if (facts.clientId === undefined || (facts.clientId !== fault.clientId && facts.clientId !== app?.clientId)) return false;
    }
    if (fault.user !== undefined) {
      const { usersById, usersByLoginName } = this.#store.index;
      const user = usersById.get(fault.user) ?? usersByLoginName.get(fault.user.toLowerCase()) ?? this.#store.data.users.find((u) => u.userName === fault.user);
      if (!user || facts.userId !== user.id) return false;
    }
    return true;
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
