// One line per request: method, path (never the query: it can carry codes and tokens),
// status and milliseconds.
import type { Context, Next } from 'koa';
import type { Logger } from './handle-errors.js';

export function logRequests(log: Logger) {
  return async function requestLogger(ctx: Context, next: Next): Promise<void> {
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = (performance.now() - started).toFixed(1);
      log(`${ctx.method} ${ctx.path} ${ctx.status} ${ms}ms`);
    }
  };
}
