// The emulator's clock as a test controls it: real time plus an offset that tests move with
// advance / set / reset. Every time-based decision of the provider reads this clock through
// ProviderDeps (token iat/exp, code, refresh, device and login-session expiry, introspection),
// so moving it is the same as waiting — forwards or backwards.
import type { Clock } from '../oidc/provider-deps.js';
import { BridgeError } from './bridge-error.js';

export interface ClockState {
  /** ISO date-time the emulator believes it is. */
  now: string;
  /** How far the emulator's clock is from real time, in milliseconds (negative: behind). */
  offsetMs: number;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^(-)?((?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+)$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

/** Milliseconds from a number of milliseconds or a string like "90s", "13h", "1h30m", "-2d". */
export function parseDuration(duration: number | string): number {
  if (typeof duration === 'number') {
    if (!Number.isFinite(duration)) throw new BridgeError(`a duration must be a finite number of milliseconds, got ${duration}`);
    return duration;
  }
  const text = duration.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const match = DURATION.exec(text);
  if (!match?.[2]) throw new BridgeError(`"${duration}" is not a duration: use milliseconds or a number with ms, s, m, h, d or w, e.g. "90s", "13h", "8d"`);
  let ms = 0;
  for (const [, amount, unit] of match[2].matchAll(PART)) ms += Number(amount) * (UNIT_MS[unit ?? 'ms'] ?? 1);
  return match[1] ? -ms : ms;
}

/** Milliseconds since the epoch from a Date, an ISO string or a number of milliseconds. */
export function parseInstant(value: Date | string | number): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new BridgeError(`"${String(value)}" is not a date: use an ISO date-time like 2030-01-01T00:00:00Z`);
  return ms;
}

/** The clock as the library exposes it (Emulator.clock). */
export interface EmulatorClock {
  /** Milliseconds since the epoch, as the emulator sees it. */
  now(): number;
  /** Milliseconds away from real time (negative: behind). */
  readonly offsetMs: number;
  /** Moves the clock by milliseconds or a duration like "90s", "13h", "8d" ("-1h" moves it back); returns the new now(). */
  advance(duration: number | string): number;
  /** Makes it this instant now (time keeps running from there); returns the new now(). */
  set(instant: Date | string | number): number;
  /** Back to real time; returns the new now(). */
  reset(): number;
}

export class VirtualClock implements Clock, EmulatorClock {
  readonly #base: Clock;
  #offsetMs = 0;
  #listeners = new Set<() => void>();

  /** `base` is real time (or a fixed clock a test passed to startEmulator). */
  constructor(base: Clock) {
    this.#base = base;
  }

  now(): number {
    return this.#base.now() + this.#offsetMs;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** Moves the clock by a duration (negative moves it back); returns the new time in ms. */
  advance(duration: number | string): number {
    return this.#setOffset(this.#offsetMs + parseDuration(duration));
  }

  /** Makes it this instant now; time keeps running from there. */
  set(instant: Date | string | number): number {
    return this.#setOffset(parseInstant(instant) - this.#base.now());
  }

  /** Back to real time. */
  reset(): number {
    return this.#setOffset(0);
  }

  state(): ClockState {
    return { now: new Date(this.now()).toISOString(), offsetMs: this.#offsetMs };
  }

  /** Called after every change (the console's banner listens). */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #setOffset(offsetMs: number): number {
    this.#offsetMs = Math.round(offsetMs);
    for (const listener of this.#listeners) listener();
    return this.now();
  }
}
