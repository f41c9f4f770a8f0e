// RFC 8628 §6.1 user codes as ZITADEL makes them (reference §4.7): eight characters from a
// vowel-free alphabet, a dash after four ("BCDF-GHJK"); typing is forgiving about case,
// spaces and the dash.
import { randomInt } from 'node:crypto';

const ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

export function generateUserCode(): string {
  let code = '';
  for (let i = 0; i < 8; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The canonical form of what a user typed, or undefined when it cannot be a user code. */
export function normaliseUserCode(typed: string): string | undefined {
  const letters = typed.toUpperCase().replace(/[\s-]/g, '');
  if (letters.length !== 8 || [...letters].some((c) => !ALPHABET.includes(c))) return undefined;
  return `${letters.slice(0, 4)}-${letters.slice(4)}`;
}
