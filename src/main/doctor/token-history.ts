// What happened to tokens that no longer work, so the doctor can say why a later use fails:
// a refresh token already exchanged (a replay), a token revoked, an access token replaced by a
// refresh. The runtime state forgets such tokens at once; this keeps the newest few thousand,
// in memory only, per emulator (keyed by its runtime state).
import type { RuntimeState } from '../oidc/state/runtime-state.js';

export type TokenFate = 'refreshed' | 'revoked' | 'replaced';

export interface TokenHistoryEntry {
  fate: TokenFate;
  /** Milliseconds since the epoch (the emulator's clock). */
  at: number;
}

/** Enough for any test run or debugging session; old entries go first. */
const LIMIT = 5000;

const histories = new WeakMap<RuntimeState, Map<string, TokenHistoryEntry>>();

function historyOf(state: RuntimeState): Map<string, TokenHistoryEntry> {
  let history = histories.get(state);
  if (!history) {
    history = new Map();
    histories.set(state, history);
  }
  return history;
}

export function rememberToken(state: RuntimeState, token: string | undefined, fate: TokenFate, at: number): void {
  if (token === undefined) return;
  const history = historyOf(state);
  history.delete(token);
  if (history.size >= LIMIT) history.delete(history.keys().next().value as string);
  history.set(token, { fate, at });
}

export function recallToken(state: RuntimeState, token: string): TokenHistoryEntry | undefined {
  return histories.get(state)?.get(token);
}
