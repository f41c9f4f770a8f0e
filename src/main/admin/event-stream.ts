// Server-Sent Events for the console (HTML Living Standard §9.2): `event: activity` with each
// protocol request, `event: store` with each store change, `event: bridge` when the test bridge's
// clock or faults change, and a comment every 15 s so proxies
// and the browser keep the connection open.
import { PassThrough } from 'node:stream';
import type { Context } from 'koa';
import type { AdminContext } from './admin-context.js';
import { bridgeStatus } from './bridge-routes.js';

export const PING_INTERVAL_MS = 15_000;

export function openEventStream(ctx: Context, admin: AdminContext): void {
  const stream = new PassThrough();
  ctx.status = 200;
  ctx.type = 'text/event-stream';
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Connection', 'keep-alive');
  ctx.set('X-Accel-Buffering', 'no');
  ctx.req.socket.setNoDelay(true);
  ctx.body = stream;

  const send = (event: string, data: unknown): void => {
    stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  // Sent at once so the client sees the response start before the first event.
  stream.write(': connected\n\n');
  const unsubscribeActivity = admin.activity.subscribe((event) => send('activity', event));
  const unsubscribeStore = admin.changes.subscribe((change) => send('store', change));
  const { bridge } = admin;
  const unsubscribeBridge = bridge ? bridge.subscribe(() => send('bridge', bridgeStatus(bridge))) : () => undefined;
  const ping = setInterval(() => stream.write(': ping\n\n'), PING_INTERVAL_MS);
  ping.unref();

  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(ping);
    unsubscribeActivity();
    unsubscribeStore();
    unsubscribeBridge();
    stream.end();
  };
  ctx.res.once('close', close);
}
