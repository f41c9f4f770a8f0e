// One line per request: method, path (never the query: it can carry codes and tokens),
// status and milliseconds. With the doctor on, the request's findings follow on the next lines.
import type { Context, Next } from 'koa';
import { activityDraftOf } from '../activity/request-activity.js';
import { formatFindings } from '../doctor/findings.js';
import type { Logger } from './handle-errors.js';

export interface LogOptions {
  /** Print the relying-party doctor's findings under the request's line (`serve --doctor`). */
  doctor?: boolean;
  /** Only requests that have findings (quiet mode with the doctor on). */
  onlyWithFindings?: boolean;
}

export function logRequests(log: Logger, options: LogOptions = {}) {
  return async function requestLogger(ctx: Context, next: Next): Promise<void> {
    const started = performance.now();
    try {
      await next();
    } finally {
      const findings = options.doctor ? activityDraftOf(ctx)?.findings : undefined;
      if (!options.onlyWithFindings || findings) {
        const ms = (performance.now() - started).toFixed(1);
        log(`${ctx.method} ${ctx.path} ${ctx.status} ${ms}ms${findings ? formatFindings(findings) : ''}`);
      }
    }
  };
}
