// The Activity page's data: protocol requests in GET activity (with ?after=) and live over the
// event stream, with client, grant, outcome and error; DELETE clears the list.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ActivityEventDto } from '../../src/common/admin-api.js';
import { openEventStream, startAdminTestbed, type AdminTestbed } from './admin-client.js';

let bed: AdminTestbed;
let botSecret: string;
let botId: string;

beforeAll(async () => {
  bed = await startAdminTestbed();
  const bot = bed.emulator.store.data.users.find((u) => u.userName === 'ci-bot');
  botSecret = bot?.machine?.clientSecret ?? '';
  botId = bot?.id ?? '';
});
afterAll(() => bed.close());

function clientCredentials(secret: string): Promise<Response> {
  return fetch(`${bed.emulator.issuer}/oauth/v2/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`ci-bot:${secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'openid profile' }),
  });
}

describe('activity', () => {
  test('a client_credentials request shows in GET activity and over SSE; an error shows error and detail', async () => {
    const events = await openEventStream(bed.emulator.issuer);
    try {
      const res = await clientCredentials(botSecret);
      expect(res.status).toBe(200);
      const live = await events.waitFor((e) => e.event === 'activity' && (e.data as ActivityEventDto).kind === 'token');
      const event = live.data as ActivityEventDto;
      expect(event).toMatchObject({
        kind: 'token',
        method: 'POST',
        path: '/oauth/v2/token',
        status: 200,
        grantType: 'client_credentials',
        outcome: 'ok',
        userId: botId,
        params: { grant_type: 'client_credentials', scope: 'openid profile' },
      });
      expect(event).not.toHaveProperty('error');

      const listed = await bed.api('GET', 'activity');
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual([event]);

      const failed = await clientCredentials('wrong');
      expect(failed.status).toBe(400);
      const errorEvent = (await events.waitFor((e) => e.event === 'activity' && (e.data as ActivityEventDto).outcome === 'error'))
        .data as ActivityEventDto;
      expect(errorEvent).toMatchObject({ kind: 'token', grantType: 'client_credentials', status: 400, outcome: 'error' });
      expect(errorEvent.error).toEqual({
        error: 'invalid_request',
        error_description: 'Errors.User.Machine.Secret.Invalid',
        detail: expect.any(String) as unknown,
      });

      expect((await bed.api('GET', `activity?after=${event.id}`)).body).toEqual([errorEvent]);
      expect(await bed.api('GET', 'activity?after=x')).toMatchObject({
        status: 400,
        body: { error: 'bad_request', message: 'after must be the id of an activity event' },
      });
      // Admin requests are not protocol activity.
      expect(events.events.filter((e) => e.event === 'activity')).toHaveLength(2);
    } finally {
      events.close();
    }
  });

  test('DELETE activity clears the list', async () => {
    await clientCredentials(botSecret);
    expect(((await bed.api('GET', 'activity')).body as unknown[]).length).toBeGreaterThan(0);
    const res = await bed.api('DELETE', 'activity');
    expect(res.status).toBe(204);
    expect((await bed.api('GET', 'activity')).body).toEqual([]);
  });

  test('the event stream needs the token', async () => {
    const res = await fetch(`${bed.emulator.issuer}/_emulator/api/events?token=wrong`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'unauthorized', message: 'the admin token is wrong' });
  });
});
