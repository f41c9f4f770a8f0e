// The Activity page's data: recent protocol requests (GET, `?after=<id>` for the ones since),
// clearing them (DELETE), and the live event stream.
import type Router from '@koa/router';
import type { AdminContext } from './admin-context.js';
import { badRequest } from './admin-errors.js';
import { openEventStream } from './event-stream.js';

export function registerActivityRoutes(router: Router, admin: AdminContext): void {
  router.get('/activity', (ctx) => {
    const after = ctx.query.after;
    if (after !== undefined && (typeof after !== 'string' || !/^\d+$/.test(after))) {
      throw badRequest('after must be the id of an activity event');
    }
    ctx.body = admin.activity.list(after === undefined ? 0 : Number(after));
  });

  router.delete('/activity', (ctx) => {
    admin.activity.clear();
    ctx.status = 204;
  });

  router.get('/events', (ctx) => openEventStream(ctx, admin));
}
