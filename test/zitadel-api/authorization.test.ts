// Authorization as ZITADEL does it (reference §2), each case over every wire: REST and Connect
// answer with the HTTP status of the code; gRPC and gRPC-web carry it in grpc-status.
import { Code, ConnectError, createClient, type Transport } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from '@connectrpc/connect-node';
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { buildUserApiSeed, PAT, serviceUserToken, UA } from '../helpers/user-api-seed.js';

let emulator: Emulator;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  emulator = await startTestEmulator({ store: buildUserApiSeed() });
  tokens.owner = await serviceUserToken(emulator.issuer, 'owner-bot');
  tokens.viewer = await serviceUserToken(emulator.issuer, 'viewer-bot');
  tokens.lone = await serviceUserToken(emulator.issuer, 'lone-bot');
  tokens.globex = await serviceUserToken(emulator.issuer, 'globex-bot');
  tokens.noAudience = await serviceUserToken(emulator.issuer, 'owner-bot', 'openid');
});
afterAll(async () => {
  await emulator.close();
});

interface Outcome {
  code: Code | 0;
  httpStatus?: number;
  message: string;
}

const NEW_USER = { profile: { givenName: 'New', familyName: 'User' }, email: { email: 'new@acme.localhost' } };

type Wire = 'rest' | 'connect' | 'grpc' | 'grpc-web';

function transportFor(wire: Exclude<Wire, 'rest'>): Transport {
  const baseUrl = emulator.issuer;
  if (wire === 'grpc') return createGrpcTransport({ baseUrl });
  if (wire === 'grpc-web') return createGrpcWebTransport({ baseUrl, httpVersion: '1.1' });
  return createConnectTransport({ baseUrl, httpVersion: '1.1' });
}

/** Adds a user with `authorization` (or none) over `wire`, answering the code and message. */
async function addUser(wire: Wire, authorization: string | undefined, extraHeaders: Record<string, string> = {}, username?: string): Promise<Outcome> {
  const headers: Record<string, string> = { ...extraHeaders, ...(authorization !== undefined && { Authorization: authorization }) };
  const request = { ...NEW_USER, ...(username !== undefined && { username }) };
  if (wire === 'rest') {
    const res = await fetch(`${emulator.issuer}/v2/users/human`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
    const body = (await res.json()) as { code?: number; message?: string };
    return { code: (body.code ?? 0) as Code, httpStatus: res.status, message: body.message ?? '' };
  }
  if (wire === 'connect') {
    const res = await fetch(`${emulator.issuer}/zitadel.user.v2.UserService/AddHumanUser`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    const body = (await res.json()) as { code?: string; message?: string };
    return { code: body.code === undefined ? 0 : (Code[body.code.replace(/(^|_)(\w)/g, (_m, _u, c: string) => c.toUpperCase()) as keyof typeof Code] as Code), httpStatus: res.status, message: body.message ?? '' };
  }
  const client = createClient(UserService, transportFor(wire));
  try {
    await client.addHumanUser(
      { ...request, profile: NEW_USER.profile, email: { email: NEW_USER.email.email } },
      { headers },
    );
    return { code: 0, message: '' };
  } catch (err) {
    if (!(err instanceof ConnectError)) throw err;
    return { code: err.code, message: err.rawMessage };
  }
}

const WIRES: Wire[] = ['rest', 'connect', 'grpc', 'grpc-web'];
const HTTP = { [Code.Unauthenticated]: 401, [Code.NotFound]: 404, [Code.PermissionDenied]: 403 } as Record<number, number>;

describe.each(WIRES)('over %s', (wire) => {
  const expectOutcome = (outcome: Outcome, code: Code, message: string) => {
    expect({ code: outcome.code, message: outcome.message }).toEqual({ code, message });
    if (outcome.httpStatus !== undefined) expect(outcome.httpStatus).toBe(HTTP[code]);
  };

  it('no authorization header: 401 auth header missing', async () => {
    expectOutcome(await addUser(wire, undefined), Code.Unauthenticated, 'auth header missing');
  });
  it('not a Bearer header: 401 invalid auth header', async () => {
    expectOutcome(await addUser(wire, 'Basic b3duZXItYm90Om93bmVyLXNlY3JldA=='), Code.Unauthenticated, 'invalid auth header (AUTH-toLo1)');
  });
  it('a token the emulator did not issue: 401 Errors.Token.Invalid', async () => {
    expectOutcome(await addUser(wire, 'Bearer not-a-token'), Code.Unauthenticated, 'Errors.Token.Invalid (AUTH-7fs1e)');
  });
  it('a token without the ZITADEL project in its audience: 401 Errors.Token.Invalid', async () => {
    expectOutcome(await addUser(wire, `Bearer ${tokens.noAudience}`), Code.Unauthenticated, 'Errors.Token.Invalid (AUTH-7fs1e)');
  });
  it('a caller without any membership: 404 membership not found', async () => {
    expectOutcome(await addUser(wire, `Bearer ${tokens.lone}`), Code.NotFound, 'membership not found (AUTHZ-cdgFk)');
  });
  it('a membership without user.write: 403 No matching permissions found', async () => {
    expectOutcome(await addUser(wire, `Bearer ${tokens.viewer}`), Code.PermissionDenied, 'No matching permissions found (AUTH-5mWD2)');
  });
  it('an org that does not exist in x-zitadel-orgid: 403', async () => {
    expectOutcome(await addUser(wire, `Bearer ${tokens.owner}`, { 'x-zitadel-orgid': '999' }), Code.PermissionDenied, "Organisation doesn't exist (AUTH-Bs7Ds)");
  });
  it('a personal access token needs no audience (ORG_USER_MANAGER may add users)', async () => {
    const outcome = await addUser(wire, `Bearer ${PAT}`, {}, `pat-made-${wire}`);
    expect(outcome).toMatchObject({ code: 0 });
    const made = emulator.store.data.users.find((u) => u.userName === `pat-made-${wire}`);
    expect(made?.orgId).toBe(UA.acme);
  });
});

describe('permissions are checked against the org in question', () => {
  const get = (token: string, userId: string) =>
    fetch(`${emulator.issuer}/v2/users/${userId}`, { headers: { Authorization: `Bearer ${token}` } }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

  it("an ORG_OWNER of another org gets 404 membership not found for this org's users", async () => {
    expect(await get(tokens.globex ?? '', UA.alice)).toEqual({ status: 404, body: { code: 5, message: 'membership not found (AUTHZ-cdgFk)', details: [{ '@type': 'type.googleapis.com/zitadel.v1.ErrorDetail', id: 'AUTHZ-cdgFk', message: 'membership not found' }] } });
  });
  it('ORG_OWNER_VIEWER reads users of its org', async () => {
    expect((await get(tokens.viewer ?? '', UA.alice)).status).toBe(200);
  });
  it('ListUsers leaves out users the caller may not read', async () => {
    const list = async (token: string) => {
      const res = await fetch(`${emulator.issuer}/v2/users`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: '{"queries":[{"typeQuery":{"type":"TYPE_HUMAN"}}]}' });
      return ((await res.json()) as { result?: { userId: string }[] }).result?.map((u) => u.userId) ?? [];
    };
    expect(await list(tokens.globex ?? '')).toEqual([UA.gina]);
    expect(await list(tokens.lone ?? '')).toEqual([]);
    expect(await list(tokens.viewer ?? '')).toContain(UA.alice);
  });
});
