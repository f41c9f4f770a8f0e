// Input checks with ZITADEL's texts: protoc-gen-validate messages (INVALID_ARGUMENT, no id;
// reference §3) and the domain checks of email, phone and the default password policy (§5.1).
import { invalidArgument } from '../api-error.js';

function runes(value: string | undefined): number {
  return [...(value ?? '')].length;
}

/** PGV's text for a string length rule, e.g. `invalid SetHumanProfile.GivenName: value length must be between 1 and 200 runes, inclusive`. */
export function lengthViolation(message: string, field: string, value: string | undefined, min: number, max: number): string | undefined {
  const n = runes(value);
  if (n >= min && n <= max) return undefined;
  const rule = min === 0 ? `value length must be at most ${max} runes` : `value length must be between ${min} and ${max} runes, inclusive`;
  return `invalid ${message}.${field}: ${rule}`;
}

export function requiredViolation(message: string, field: string): string {
  return `invalid ${message}.${field}: value is required`;
}

/** Wraps a nested message's violation as PGV does. */
export function embeddedViolation(message: string, field: string, inner: string): string {
  return `invalid ${message}.${field}: embedded message failed validation | caused by: ${inner}`;
}

export function throwFirst(...violations: (string | undefined)[]): void {
  const first = violations.find((v) => v !== undefined);
  if (first !== undefined) throw invalidArgument(first);
}

// ZITADEL's email pattern (internal/domain/human_email.go).
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export function checkEmail(email: string): void {
  if (!EMAIL.test(email.trim())) throw invalidArgument('Email is invalid', { id: 'EMAIL-599BI', key: 'Errors.User.Email.Invalid' });
}

/**
 * E.164 with default region CH (reference §5.1). The emulator does not carry libphonenumber: it
 * accepts `+` and 7–15 digits, and turns a national `0…` number into `+41…`.
 */
export function normalisePhone(phone: string): string {
  const compact = phone.replace(/[\s().-]/g, '');
  const e164 = compact.startsWith('+') ? compact : compact.startsWith('00') ? `+${compact.slice(2)}` : compact.startsWith('0') ? `+41${compact.slice(1)}` : '';
  if (!/^\+[1-9]\d{6,14}$/.test(e164)) throw invalidArgument('Phone is invalid', { id: 'PHONE-so0wa', key: 'Errors.User.Phone.Invalid' });
  return e164;
}

/** The default password complexity policy: 8 characters, lower, upper, number, symbol. */
export function checkPasswordPolicy(password: string): void {
  const fail = (text: string, id: string, key: string) => invalidArgument(text, { id, key });
  if (runes(password) < 8) throw fail('Password is too short', 'DOMAIN-HuJf6', 'Errors.User.PasswordComplexityPolicy.MinLength');
  if (!/\p{Ll}/u.test(password)) throw fail('Password must contain lower case', 'DOMAIN-co3Xw', 'Errors.User.PasswordComplexityPolicy.HasLower');
  if (!/\p{Lu}/u.test(password)) throw fail('Password must contain upper case', 'DOMAIN-VoaRj', 'Errors.User.PasswordComplexityPolicy.HasUpper');
  if (!/\d/.test(password)) throw fail('Password must contain number', 'DOMAIN-ZBv4H', 'Errors.User.PasswordComplexityPolicy.HasNumber');
  if (!/[^\p{L}\p{N}]/u.test(password)) throw fail('Password must contain symbol', 'DOMAIN-ZDLwA', 'Errors.User.PasswordComplexityPolicy.HasSymbol');
}

/** Metadata values are bytes on the wire; the store keeps text. */
export function metadataValueToStore(base64: string): string {
  return Buffer.from(base64, 'base64').toString('utf8');
}

export function metadataValueToWire(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64');
}
