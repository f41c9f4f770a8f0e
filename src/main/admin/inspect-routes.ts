// POST inspect: the token inspector's one endpoint.
import type Router from '@koa/router';
import { depsForTokenIssuer } from '../domains/token-issuer.js';
import type { AdminContext } from './admin-context.js';
import { inspectToken, readInspectRequest } from './inspect-token.js';
import { readJsonObject } from './read-json-body.js';

export function registerInspectRoutes(router: Router, admin: AdminContext): void {
  router.post('/inspect', async (ctx) => {
    const request = readInspectRequest(await readJsonObject(ctx));
    // A token of an instance domain is inspected as that domain's issuer sees it.
    ctx.body = await inspectToken(request, depsForTokenIssuer(request.token, admin.deps, admin.issuers?.() ?? []));
  });
}
