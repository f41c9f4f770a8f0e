// POST inspect: the token inspector's one endpoint.
import type Router from '@koa/router';
import type { AdminContext } from './admin-context.js';
import { inspectToken, readInspectRequest } from './inspect-token.js';
import { readJsonObject } from './read-json-body.js';

export function registerInspectRoutes(router: Router, admin: AdminContext): void {
  router.post('/inspect', async (ctx) => {
    const request = readInspectRequest(await readJsonObject(ctx));
    ctx.body = await inspectToken(request, admin.deps);
  });
}
