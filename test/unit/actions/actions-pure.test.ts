// The pure parts of Actions (zitadel-actions.md §2.3-2.6): Go's JSON and time formats, how a
// reply decodes (Go's case-insensitive keys, last array wins), and the final merge of action
// claims into built ones (rule 3: the emulator's non-empty claims win, empty ones do not).
import { describe, expect, it } from 'vitest';
import { ActionClaimsState } from '../../../src/main/actions/action-claims-state.js';
import { formatGoTime } from '../../../src/main/actions/hook-subject.js';
import { marshalLikeGo } from '../../../src/main/actions/v2/target-payload.js';
import { decodeTargetReply, serializeTargetReply, type TargetReply } from '../../../src/main/actions/v2/target-reply.js';
import { computeSignatureHeader } from '../../../src/main/actions/v2/sign-payload.js';
import { applyActionClaims, selectUserinfoPart } from '../../../src/main/oidc/claims/action-claims.js';

describe('Go formats', () => {
  it('formats time.Time as RFC 3339 without a fraction for whole seconds, and the zero time', () => {
    expect(formatGoTime(1743004343)).toBe('2025-03-26T15:52:23Z');
    expect(formatGoTime(undefined)).toBe('0001-01-01T00:00:00Z');
  });

  it('escapes <, >, & and line separators as json.Marshal does', () => {
    expect(marshalLikeGo({ a: '<b>&\u2028' })).toBe('{"a":"\\u003cb\\u003e\\u0026\\u2028"}');
  });

  it('signs "<t>.<body>" with HMAC-SHA256 in lowercase hex', () => {
    // Computed independently: printf '1.{}' | openssl dgst -sha256 -hmac key
    expect(computeSignatureHeader(1, '{}', 'key')).toBe('t=1,v1=1ba6b8171186efc613e8bcc0cbdab2748f24984d7c5a84faa2637afa0e40d224');
  });
});

describe('target replies', () => {
  it('matches keys case-insensitively, keeps omitted arrays and lets the last target win per array', () => {
    const merged: TargetReply = {};
    decodeTargetReply('{"Append_Claims":[{"KEY":"a","Value":1}],"append_log_claims":["one"]}', 't1', merged);
    decodeTargetReply('{"append_claims":[{"key":"b","value":2}]}', 't2', merged);
    expect(merged.appendClaims).toEqual([{ key: 'b', value: 2, from: 't2' }]);
    expect(merged.appendLogClaims).toEqual([{ line: 'one', from: 't1' }]);
    expect(serializeTargetReply(merged)).toEqual({ append_claims: [{ key: 'b', value: 2 }], append_log_claims: ['one'] });
  });

  it('treats an empty body and null as no change, and refuses what Go could not decode', () => {
    const merged: TargetReply = {};
    decodeTargetReply('', 't', merged);
    decodeTargetReply('null', 't', merged);
    expect(merged).toEqual({});
    expect(() => decodeTargetReply('[1]', 't', merged)).toThrow('reply is not a JSON object');
    expect(() => decodeTargetReply('{"append_claims":{}}', 't', merged)).toThrow('append_claims is not an array');
    expect(() => decodeTargetReply('{"set_user_metadata":[{"key":"k","value":"not base64!"}]}', 't', merged)).toThrow('is not base64');
  });
});

describe('merging action claims', () => {
  it('drops urn:zitadel:iam* keys, logs duplicates, and lets non-empty built claims win', () => {
    const built = {
      claims: { sub: 'u1', iss: 'http://issuer', locale: null, 'urn:zitadel:iam:user:resourceowner:id': 'o1' },
      notes: [
        { claim: 'sub', present: true, why: 'always' },
        { claim: 'iss', present: true, why: 'always' },
        { claim: 'locale', present: true, why: 'scope "profile" (no preferred language: null)' },
        { claim: 'urn:zitadel:iam:user:resourceowner:id', present: true, why: 'scope' },
      ],
    };
    const state = new ActionClaimsState(selectUserinfoPart(built.claims));
    const logs: string[] = [];
    const log = (line: string): void => void logs.push(line);
    expect(state.set('urn:zitadel:iam:user:resourceowner:id', 'x', 'A', log)).toBe('dropped');
    expect(state.set('sub', 'forged', 'A', log)).toBe('added');
    expect(state.set('locale', 'de', 'A', log)).toBe('added');
    expect(state.set('tier', 'gold', 'A', log)).toBe('added');
    expect(state.set('tier', 'silver', 'B', log)).toBe('exists');
    expect(logs).toEqual(['key "tier" already exists']);
    const merged = applyActionClaims(built, state.outcome());
    expect(merged.claims).toEqual({ sub: 'u1', iss: 'http://issuer', locale: 'de', 'urn:zitadel:iam:user:resourceowner:id': 'o1', tier: 'gold' });
    expect(merged.notes).toContainEqual({ claim: 'sub', present: false, why: "A set it too; the emulator's own non-empty value wins" });
    expect(merged.notes).toContainEqual({ claim: 'tier', present: true, why: 'A' });
    expect(merged.notes).toContainEqual({ claim: 'tier', present: false, why: 'B tried to set it: key "tier" already exists (kept, log line written)' });
  });
});
