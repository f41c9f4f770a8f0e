// Decoding a `restCall` target's reply into `ContextInfoResponse` (reference zitadel-actions.md
// §2.5): keys matched case-insensitively as Go's decoder does, unknown keys ignored, an empty
// body changes nothing. Several replies decode into the same value, so per array the last
// target that sends it wins.
import type { JsonValue } from '../../oidc/claims/claim-types.js';

export interface TargetReply {
  appendClaims?: { key: string; value: JsonValue; from: string }[];
  setUserMetadata?: { key: string; value: string; from: string }[];
  appendLogClaims?: { line: string; from: string }[];
}

const FIELDS = { append_claims: 'appendClaims', set_user_metadata: 'setUserMetadata', append_log_claims: 'appendLogClaims' } as const;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Case-insensitive field lookup; Go prefers an exact match. */
function field(object: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(object, name)) return object[name];
  const key = Object.keys(object).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : object[key];
}

/**
 * Merges `body` (from the target named `from`) into `into`. Throws a message when Go's
 * decoder would fail: not JSON, or a field of the wrong type.
 */
export function decodeTargetReply(body: string, from: string, into: TargetReply): void {
  if (body.trim() === '') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error('reply is not valid JSON');
  }
  if (parsed === null) return;
  if (!isObject(parsed)) throw new Error('reply is not a JSON object');
  const fail = (what: string): never => {
    throw new Error(`reply field ${what}`);
  };
  for (const name of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
    const value = field(parsed, name);
    if (value === undefined) continue;
    const target = FIELDS[name];
    if (value === null) {
      delete into[target];
      continue;
    }
    if (!Array.isArray(value)) fail(`${name} is not an array`);
    const list = value as unknown[];
    if (target === 'appendLogClaims') {
      into.appendLogClaims = list.map((line) => (typeof line === 'string' ? { line, from } : fail(`${name} holds a non-string`)));
    } else if (target === 'appendClaims') {
      into.appendClaims = list.map((entry) => {
        if (!isObject(entry)) return fail(`${name} holds a non-object`);
        const key = field(entry, 'key') ?? '';
        if (typeof key !== 'string') return fail(`${name}[].key is not a string`);
        return { key, value: (field(entry, 'value') ?? null) as JsonValue, from };
      });
    } else {
      into.setUserMetadata = list.map((entry) => {
        if (!isObject(entry)) return fail(`${name} holds a non-object`);
        const key = field(entry, 'key') ?? '';
        const value = field(entry, 'value') ?? '';
        if (typeof key !== 'string') return fail(`${name}[].key is not a string`);
        // Go decodes []byte from standard base64.
        if (typeof value !== 'string' || !BASE64.test(value)) return fail(`${name}[].value is not base64`);
        return { key, value: Buffer.from(value, 'base64').toString('utf8'), from };
      });
    }
  }
}

/** The merged reply of earlier targets as the next target's `response` receives it. */
export function serializeTargetReply(reply: TargetReply): Record<string, JsonValue> | undefined {
  const out: Record<string, JsonValue> = {};
  if (reply.appendClaims) out.append_claims = reply.appendClaims.map(({ key, value }) => ({ key, value }));
  if (reply.setUserMetadata) {
    out.set_user_metadata = reply.setUserMetadata.map(({ key, value }) => ({ key, value: Buffer.from(value, 'utf8').toString('base64') }));
  }
  if (reply.appendLogClaims) out.append_log_claims = reply.appendLogClaims.map(({ line }) => line);
  return Object.keys(out).length > 0 ? out : undefined;
}
