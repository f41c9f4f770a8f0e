// The test bridge over the admin API (common/bridge-api.ts, docs/admin-api.md): the same
// operations as the library, for suites in any language. A BridgeError becomes a 400 naming
// the field.
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { BridgeStatusDto, ClockDto, FaultDto, SnapshotCreatedDto } from '../../common/bridge-api.js';
import { BridgeError } from '../bridge/bridge-error.js';
import type { Fault } from '../bridge/faults.js';
import type { TestBridge } from '../bridge/test-bridge.js';
import { AdminError, notFound } from './admin-errors.js';
import { readJsonObject } from './read-json-body.js';

function fieldError(field: string, message: string): AdminError {
  return new AdminError(400, { error: 'bad_request', message, problems: [{ field, where: field, message }] });
}

async function answering(ctx: Context, run: () => unknown): Promise<void> {
  try {
    const body = await run();
    if (body === undefined) ctx.status = 204;
    else ctx.body = body;
  } catch (err) {
    if (err instanceof BridgeError) throw fieldError(err.field, err.message);
    throw err;
  }
}

function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw fieldError(field, `${field} must be a non-empty string`);
  return value;
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw fieldError(field, `${field} must be a string`);
  return value;
}

export function toFaultDto(fault: Fault): FaultDto {
  const { remaining, ...rest } = fault;
  return { ...rest, times: remaining === Infinity ? 'Infinity' : remaining };
}

function clockRequest(bridge: TestBridge, body: Record<string, unknown>): ClockDto {
  const given = (['advance', 'set', 'reset'] as const).filter((k) => body[k] !== undefined);
  if (given.length !== 1) throw fieldError(given[1] ?? 'advance', 'give exactly one of advance, set and reset');
  const { clock } = bridge;
  const about = (field: string, change: () => void): void => {
    try {
      change();
    } catch (err) {
      if (err instanceof BridgeError) throw fieldError(field, err.message);
      throw err;
    }
  };
  const { advance, set } = body;
  if (advance !== undefined) {
    if (typeof advance !== 'string' && typeof advance !== 'number') throw fieldError('advance', 'advance must be a duration like "13h" or milliseconds');
    about('advance', () => clock.advance(advance));
  } else if (set !== undefined) {
    if (typeof set !== 'string') throw fieldError('set', 'set must be an ISO date-time');
    about('set', () => clock.set(set));
  } else {
    if (body.reset !== true) throw fieldError('reset', 'reset must be true');
    clock.reset();
  }
  return clock.state();
}

export function bridgeStatus(bridge: TestBridge): BridgeStatusDto {
  return { revision: bridge.revision, clock: bridge.clock.state(), faults: bridge.faults.list().map(toFaultDto) };
}

export function registerBridgeRoutes(router: Router, bridge: TestBridge): void {
  router.get('/bridge', (ctx) => {
    ctx.body = bridgeStatus(bridge);
  });

  router.post('/tokens', async (ctx) => {
    const body = await readJsonObject(ctx);
    const [scope, nonce] = [optionalString(body, 'scope'), optionalString(body, 'nonce')];
    const request = {
      user: requiredString(body, 'user'),
      client: requiredString(body, 'client'),
      ...(scope !== undefined && { scope }),
      ...(nonce !== undefined && { nonce }),
    };
    await answering(ctx, async () => {
      const response = await bridge.mintTokens(request);
      // RFC 6749 §5.1, like the token endpoint.
      ctx.set('Pragma', 'no-cache');
      return response;
    });
  });

  router.get('/clock', (ctx) => {
    ctx.body = bridge.clock.state() satisfies ClockDto;
  });
  router.post('/clock', async (ctx) => {
    const body = await readJsonObject(ctx);
    await answering(ctx, () => clockRequest(bridge, body));
  });

  router.get('/faults', (ctx) => {
    ctx.body = bridge.faults.list().map(toFaultDto);
  });
  router.post('/faults', async (ctx) => {
    const body = await readJsonObject(ctx);
    await answering(ctx, () => {
      const id = bridge.faults.add(body);
      ctx.status = 201;
      const added = bridge.faults.list().find((f) => f.id === id);
      return added ? toFaultDto(added) : { id };
    });
  });
  router.delete('/faults', (ctx) => {
    bridge.faults.clear();
    ctx.status = 204;
  });
  router.delete('/faults/:id', (ctx) => {
    const id = String(ctx.params.id);
    if (!bridge.faults.remove(id)) throw notFound(`no armed fault has id "${id}"`);
    ctx.status = 204;
  });

  router.post('/reset', (ctx) => {
    bridge.reset();
    ctx.status = 204;
  });
  router.post('/snapshots', (ctx) => {
    ctx.status = 201;
    ctx.body = { id: bridge.storeSnapshot() } satisfies SnapshotCreatedDto;
  });
  router.post('/snapshots/:id/restore', (ctx) => {
    const id = String(ctx.params.id);
    if (!bridge.restoreStored(id)) throw notFound(`no snapshot has id "${id}"`);
    ctx.status = 204;
  });

  router.post('/browser-sessions', async (ctx) => {
    const body = await readJsonObject(ctx);
    const user = requiredString(body, 'user');
    await answering(ctx, () => {
      ctx.status = 201;
      return bridge.browserSession(user);
    });
  });
}
