// Unit tests of the store parser: syntax errors by line and column, schema errors by JSON path,
// and the cross-reference rules of check-references.ts (DESIGN §4).
import { describe, expect, it } from 'vitest';
import { findJsonErrorOffset, parseStoreText, validateStore } from '../../src/main/store/parse-store.js';
import { StoreError, type StoreProblem } from '../../src/main/store/store-error.js';
import { IDS, buildValidStore, toStoreText } from '../helpers/store-fixture.js';

function problemsOf(run: () => unknown): readonly StoreProblem[] {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    const storeError = err as StoreError;
    expect(storeError.file).toBeUndefined();
    return storeError.problems;
  }
  throw new Error('expected a StoreError, but the input was accepted');
}

describe('parseStoreText: syntax errors', () => {
  it('names the line and column of a token V8 reports without a position', () => {
    const text = '{\n  "version": 1,\n  "orgs": x\n}\n';
    expect(problemsOf(() => parseStoreText(text))).toEqual([
      { where: 'line 3, column 11', message: "invalid JSON: Unexpected token 'x'" },
    ]);
  });

  it('names the end of a truncated file', () => {
    const text = '{\n  "version": 1,\n  "orgs": [\n    {"id": "1"';
    expect(problemsOf(() => parseStoreText(text))).toEqual([
      { where: 'line 4, column 15', message: "invalid JSON: Expected ',' or '}' after property value" },
    ]);
  });

  it('names a trailing comma', () => {
    const text = '{\n  "version": 1,\n}';
    expect(problemsOf(() => parseStoreText(text))).toEqual([
      { where: 'line 3, column 1', message: 'invalid JSON: Expected double-quoted property name' },
    ]);
  });

  it('names text after the document', () => {
    expect(problemsOf(() => parseStoreText('{"version": 1}}'))).toEqual([
      { where: 'line 1, column 15', message: 'invalid JSON: Unexpected non-whitespace character after JSON' },
    ]);
  });

  it('says when the file is empty', () => {
    expect(problemsOf(() => parseStoreText('  \n'))).toEqual([{ where: 'line 2, column 1', message: 'the file is empty' }]);
  });

  it('formats a single problem as "where: what"', () => {
    let message = '';
    try {
      parseStoreText('{"version": x}');
    } catch (err) {
      message = err instanceof Error ? err.message : String(err);
    }
    expect(message).toBe("line 1, column 13: invalid JSON: Unexpected token 'x'");
  });
});

describe('findJsonErrorOffset', () => {
  it.each([
    ['{"a": }', 6],
    ['{"a":1', 6],
    ['[1,2', 4],
    ['[1 2]', 3],
    ['{"a":-}', 5],
    ['{"a":tru}', 5],
    ['"ab\\q"', 3],
    ['"tab\there"', 4],
    ['{"a": "unterminated', 19],
    ['{"a": 1} x', 9],
    ['', 0],
  ])('finds the offset in %j', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(findJsonErrorOffset(text)).toBe(offset);
  });

  it('returns the length for valid JSON', () => {
    const text = toStoreText(buildValidStore());
    expect(findJsonErrorOffset(text)).toBe(text.length);
  });
});

describe('validateStore: schema errors', () => {
  it('accepts the valid fixture and fills in defaults', () => {
    const data = validateStore(buildValidStore());
    expect(data.instance.oidcSettings).toEqual({
      accessTokenLifetime: 43200,
      idTokenLifetime: 43200,
      refreshTokenIdleExpiration: 2592000,
      refreshTokenExpiration: 7776000,
    });
    expect(data.apps[0]?.oidc?.grantTypes).toEqual(['authorization_code']);
    expect(data.users[0]?.state).toBe('active');
    expect(data.userGrants[0]?.state).toBe('active');
  });

  it('names the JSON path of a wrong type', () => {
    expect(problemsOf(() => validateStore({ ...buildValidStore(), orgs: {} }))).toEqual([
      { where: 'orgs', message: 'Invalid input: expected array, received object' },
    ]);
  });

  it('names a nested path with array indexes', () => {
    const store = buildValidStore();
    const app = store.apps?.[0];
    if (!app?.oidc) throw new Error('fixture changed');
    app.oidc.redirectUris = ['http://localhost:3000/callback', 'not a url'];
    expect(problemsOf(() => validateStore(store))).toEqual([
      { where: 'apps[0].oidc.redirectUris[1]', message: 'must be an absolute URL (dev-mode apps may use * and ** globs)' },
    ]);
  });

  it('refuses an unknown version', () => {
    expect(problemsOf(() => validateStore({ ...buildValidStore(), version: 2 }))).toEqual([
      { where: 'version', message: 'unsupported store version 2; this emulator reads version 1' },
    ]);
  });

  it('refuses an app that is both oidc and api', () => {
    const store = buildValidStore();
    const app = store.apps?.[1];
    if (!app) throw new Error('fixture changed');
    app.oidc = {};
    expect(problemsOf(() => validateStore(store))).toEqual([
      { where: 'apps[1]', message: 'an app has exactly one of "oidc" or "api"' },
    ]);
  });

  it('refuses a missing required field', () => {
    const { instance, ...rest } = buildValidStore();
    expect(instance.id).toBe(IDS.instance);
    expect(problemsOf(() => validateStore(rest))).toEqual([
      { where: 'instance', message: 'Invalid input: expected object, received undefined' },
    ]);
  });
});

describe('validateStore: cross-references', () => {
  it('refuses a duplicate clientId', () => {
    const store = buildValidStore();
    const api = store.apps?.[1];
    if (!api) throw new Error('fixture changed');
    api.clientId = IDS.webClientId;
    expect(problemsOf(() => validateStore(store))).toEqual([
      { where: 'apps[1].clientId', message: `clientId "${IDS.webClientId}" is already used by apps[0]` },
    ]);
  });

  it('refuses a grant naming an unknown project', () => {
    const store = buildValidStore();
    const grant = store.userGrants?.[0];
    if (!grant) throw new Error('fixture changed');
    grant.projectId = '999999999999999999';
    expect(problemsOf(() => validateStore(store))).toEqual([
      { where: 'userGrants[0].projectId', message: 'no project has id "999999999999999999"' },
    ]);
  });

  it('refuses a grant naming an unknown role', () => {
    const store = buildValidStore();
    const grant = store.userGrants?.[0];
    if (!grant) throw new Error('fixture changed');
    grant.roleKeys = ['admin', 'owner'];
    expect(problemsOf(() => validateStore(store))).toEqual([
      { where: 'userGrants[0].roleKeys[1]', message: 'project "Shop" has no role "owner"' },
    ]);
  });

  it('refuses an unknown user, org and default org', () => {
    const store = buildValidStore();
    const grant = store.userGrants?.[0];
    const bob = store.users?.[1];
    if (!grant || !bob) throw new Error('fixture changed');
    grant.userId = '888888888888888888';
    bob.orgId = '777777777777777777';
    store.instance.defaultOrgId = '666666666666666666';
    expect(problemsOf(() => validateStore(store))).toEqual([
      { where: 'instance.defaultOrgId', message: 'no org has id "666666666666666666"' },
      { where: 'users[1].orgId', message: 'no org has id "777777777777777777"' },
      { where: 'userGrants[0].userId', message: 'no user has id "888888888888888888"' },
    ]);
  });

  it('accepts user groups (optional) and refuses a group naming an unknown org or member, a duplicate name or member', () => {
    const store = buildValidStore();
    store.groups = [{ id: '100000000000000060', orgId: IDS.org, name: 'Devs', userIds: [IDS.alice, IDS.bob] }];
    expect(validateStore(store).groups).toEqual([
      { id: '100000000000000060', orgId: IDS.org, name: 'Devs', description: '', state: 'active', userIds: [IDS.alice, IDS.bob] },
    ]);
    store.groups.push({ id: '100000000000000061', orgId: IDS.org, name: 'devs', userIds: [IDS.bob, '888888888888888888', IDS.bob] });
    store.groups.push({ id: '100000000000000062', orgId: '777777777777777777', name: 'Ops' });
    expect(problemsOf(() => validateStore(store))).toEqual([
      { where: 'groups[1].name', message: 'group name "devs" is already used in this org by groups[0]' },
      { where: 'groups[1].userIds[1]', message: 'no user has id "888888888888888888"' },
      { where: 'groups[1].userIds[2]', message: `user "${IDS.bob}" is already a member` },
      { where: 'groups[2].orgId', message: 'no org has id "777777777777777777"' },
    ]);
  });

  it('refuses a duplicate id across entity kinds', () => {
    const store = buildValidStore();
    const bob = store.users?.[1];
    if (!bob) throw new Error('fixture changed');
    bob.id = IDS.project;
    expect(problemsOf(() => validateStore(store))).toEqual([
      { where: 'users[1].id', message: `id "${IDS.project}" is already used by projects[0]` },
    ]);
  });

  it('refuses a duplicate user name (case-insensitive) in one instance', () => {
    const store = buildValidStore();
    const bob = store.users?.[1];
    if (!bob) throw new Error('fixture changed');
    bob.userName = 'Alice';
    expect(problemsOf(() => validateStore(store))).toEqual([
      { where: 'users[1].userName', message: 'user name "Alice" is already used in this instance by users[0]' },
    ]);
  });

  it('with userLoginMustBeDomain, refuses a duplicate user name in one org but allows it in another', () => {
    const store = buildValidStore();
    store.instance.domainPolicy = { userLoginMustBeDomain: true };
    const bob = store.users?.[1];
    if (!bob) throw new Error('fixture changed');
    bob.userName = 'alice';
    expect(problemsOf(() => validateStore(store))).toEqual([
      { where: 'users[1].userName', message: 'user name "alice" is already used in org Acme by users[0]' },
    ]);
    bob.orgId = IDS.otherOrg;
    expect(validateStore(store).users.map((u) => [u.orgId, u.userName])).toEqual([
      [IDS.org, 'alice'],
      [IDS.otherOrg, 'alice'],
    ]);
  });

  it('lists every problem in one message', () => {
    const store = buildValidStore();
    const api = store.apps?.[1];
    const grant = store.userGrants?.[0];
    if (!api || !grant) throw new Error('fixture changed');
    api.clientId = IDS.webClientId;
    grant.roleKeys = ['owner'];
    let message = '';
    try {
      validateStore(store);
    } catch (err) {
      message = err instanceof Error ? err.message : String(err);
    }
    expect(message).toBe(
      `2 problems\n  apps[1].clientId: clientId "${IDS.webClientId}" is already used by apps[0]\n` +
        '  userGrants[0].roleKeys[0]: project "Shop" has no role "owner"',
    );
  });
});
