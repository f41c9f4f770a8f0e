// One shared instance per distinct value (client ids, user ids, scope lists, audiences, amr),
// so a hundred thousand sessions of one service user hold references to one scope array and
// one audience array instead of a copy each (issue 14: compact records).
//
// The values handed out are shared: nothing may change them in place. Every writer of session
// fields builds new arrays (issue-tokens.ts), which is why sharing is safe.

/** Distinct values kept at most; past it values are stored as they come (still correct, just not shared). */
const MAX_DISTINCT = 10_000;

export class Interner {
  readonly #strings = new Map<string, string>();
  readonly #structured = new Map<string, unknown>();

  string(value: string): string {
    const known = this.#strings.get(value);
    if (known !== undefined) return known;
    if (this.#strings.size < MAX_DISTINCT) this.#strings.set(value, value);
    return value;
  }

  /** Arrays and plain objects, compared by their JSON text. */
  structured<T extends object>(value: T): T {
    const key = structuredKey(value);
    const known = this.#structured.get(key) as T | undefined;
    if (known !== undefined) return known;
    if (this.#structured.size < MAX_DISTINCT) this.#structured.set(key, value);
    return value;
  }

  /** Any value read from the journal's dictionary. */
  any(value: unknown): unknown {
    if (typeof value === 'string') return this.string(value);
    return typeof value === 'object' && value !== null ? this.structured(value) : value;
  }
}

/**
 * Scope lists are the common case: joined without JSON's quoting, behind a prefix no JSON text
 * starts with. Joining is unambiguous because no element is empty or holds the separator.
 */
export function structuredKey(value: object): string {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' && v !== '' && !v.includes(' '))) return `\u0000${value.join(' ')}`;
  return JSON.stringify(value);
}
