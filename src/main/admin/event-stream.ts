// Server-Sent Events for the console (HTML Living Standard §9.2): `event: activity` with each
// protocol request, `event: store` with each store change, `event: bridge` when the test bridge's
// clock or faults change, and a comment every 15 s so proxies and the browser keep the connection
// open. A client that stops reading is dropped once what waits for it passes MAX_BUFFERED_BYTES
// (issue 12 item 13: 50 stalled clients grew the process by a gigabyte); a browser's EventSource
// reconnects on its own once it reads again.
import { PassThrough } from 'node:stream';
import type { Context } from 'koa';
import type { AdminContext } from './admin-context.js';
import { bridgeStatus } from './bridge-routes.js';

export const PING_INTERVAL_MS = 15_000;
export const MAX_BUFFERED_BYTES = 1024 * 1024;

export function openEventStream(ctx: Context, admin: AdminContext): void {
  const stream = new PassThrough();
  ctx.status = 200;
  ctx.type = 'text/event-stream';
  ctx.set('Cache-Control', 'no-store');
  // HTTP/2 (h2c, or h2 by ALPN under --https) forbids connection headers (RFC 9113 §8.2.2).
  if (ctx.req.httpVersionMajor < 2) ctx.set('Connection', 'keep-alive');
  ctx.set('X-Accel-Buffering', 'no');
  ctx.req.socket.setNoDelay(true);
  ctx.body = stream;

  const socket = ctx.req.socket;
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
  const write = (text: string): void => {
    if (closed) return;
    stream.write(text);
    // Waiting in the stream's buffers and the socket's: past the bound, the client is gone.
    if (stream.readableLength + stream.writableLength + socket.writableLength > MAX_BUFFERED_BYTES) {
      close();
      socket.destroy();
    }
  };
  const send = (event: string, data: unknown): void => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  // Sent at once so the client sees the response start before the first event.
  stream.write(': connected\n\n');
  const unsubscribeActivity = admin.activity.subscribe((event) => send('activity', event));
  const unsubscribeStore = admin.changes.subscribe((change) => send('store', change));
  const { bridge } = admin;
  const unsubscribeBridge = bridge ? bridge.subscribe(() => send('bridge', bridgeStatus(bridge))) : () => undefined;
  const ping = setInterval(() => write(': ping\n\n'), PING_INTERVAL_MS);
  ping.unref();
  ctx.res.once('close', close);
}
