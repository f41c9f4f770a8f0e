// API calls in Activity (issue 18 §6) and memberships edited like any other store collection:
// through the admin API the console uses, saved to the store file, refused when inconsistent.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEventDto } from '../../src/common/admin-api.js';
import { ADMIN_API_BASE } from '../../src/common/admin-api.js';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';
import { buildUserApiSeed, serviceUserToken, UA } from '../helpers/user-api-seed.js';

const ADMIN_TOKEN = 'user-api-admin-token';
let temp: TempDir;
let bed: { emulator: Emulator; storePath: string; api(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> };

beforeAll(async () => {
  temp = await makeTempDir('idp-emulator-user-api-');
  const storePath = temp.file('store.json');
  await writeFile(storePath, JSON.stringify(buildUserApiSeed()));
  const emulator = await startTestEmulator({ storePath, adminToken: ADMIN_TOKEN });
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${emulator.issuer}${ADMIN_API_BASE}/${path}`, {
      method,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  bed = { emulator, storePath, api };
});
afterAll(async () => {
  await bed.emulator.close();
  await temp.remove();
});

async function addUser(token: string, username: string): Promise<Response> {
  return fetch(`${bed.emulator.issuer}/v2/users/human`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, profile: { givenName: 'A', familyName: 'B' }, email: { email: `${username}@acme.localhost` }, password: { password: 'Secr3t!Pass' } }),
  });
}

describe('Activity', () => {
  it('records the RPC, wire, caller, deciding permission, and the bodies with passwords masked', async () => {
    const token = await serviceUserToken(bed.emulator.issuer, 'owner-bot');
    const res = await addUser(token, 'logged');
    expect(res.status).toBe(200);
    const { userId } = (await res.json()) as { userId: string };
    const activity = (await bed.api('GET', 'activity')).body as ActivityEventDto[];
    const event = activity.find((e) => e.kind === 'zitadel_api' && e.api?.rpc === 'AddHumanUser');
    expect(event).toMatchObject({
      method: 'POST',
      path: '/v2/users/human',
      status: 200,
      outcome: 'ok',
      userId: UA.ownerBot,
      response: { body: { userId } },
      api: {
        protocol: 'rest',
        service: 'zitadel.user.v2.UserService',
        rpc: 'AddHumanUser',
        code: 'ok',
        caller: { userId: UA.ownerBot, userName: 'owner-bot', viaPersonalAccessToken: false },
        permissions: [{ permission: 'user.write', orgId: UA.acme, granted: true, by: `ORG_OWNER on org ${UA.acme}` }],
        request: { username: 'logged', password: { password: '•••' } },
      },
    });
  });

  it('records refusals with the code and the reason', async () => {
    const token = await serviceUserToken(bed.emulator.issuer, 'viewer-bot');
    expect((await addUser(token, 'refused')).status).toBe(403);
    const activity = (await bed.api('GET', 'activity')).body as ActivityEventDto[];
    const event = activity.filter((e) => e.kind === 'zitadel_api').at(-1);
    expect(event).toMatchObject({
      status: 403,
      outcome: 'error',
      error: { error: 'permission_denied', error_description: 'No matching permissions found (AUTH-5mWD2)', detail: 'roles ORG_OWNER_VIEWER lack user.write' },
      api: { code: 'permission_denied', permissions: [{ permission: 'user.write', granted: false }] },
    });
  });
});

describe('memberships in the store', () => {
  it('are added through the admin API, saved in the file, and take effect on the next call', async () => {
    const token = await serviceUserToken(bed.emulator.issuer, 'lone-bot');
    expect((await addUser(token, 'lonely')).status).toBe(404);
    const created = await bed.api('POST', 'memberships', { userId: UA.loneBot, orgId: UA.acme, roles: ['ORG_USER_MANAGER'] });
    expect(created.status).toBe(201);
    await bed.emulator.store.flush();
    const file = JSON.parse(await readFile(bed.storePath, 'utf8')) as { memberships: unknown[] };
    expect(file.memberships).toContainEqual({ id: expect.any(String), userId: UA.loneBot, orgId: UA.acme, roles: ['ORG_USER_MANAGER'] });
    expect((await addUser(token, 'lonely')).status).toBe(200);
  });

  it('refuse an org role on the instance and an unknown user', async () => {
    const res = await bed.api('POST', 'memberships', { userId: '1', roles: ['ORG_OWNER'] });
    expect(res.status).toBe(400);
    const problems = (res.body as { problems: { field: string; message: string }[] }).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'userId', message: 'no user has id "1"' }),
        expect.objectContaining({ field: 'roles[0]', message: 'ORG_OWNER is an org role: set orgId, or use an IAM_* role for the instance' }),
      ]),
    );
  });

  it('go with their user when the user is deleted', async () => {
    await bed.api('DELETE', `users/${UA.viewerBot}`);
    expect(bed.emulator.store.data.memberships.some((m) => m.userId === UA.viewerBot)).toBe(false);
  });
});
