// The one Koa application: OIDC routes from the route table, the console, and JSON errors
// for everything else.
import Router from '@koa/router';
import Koa from 'koa';
import { OAuthError } from '../oidc/errors.js';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import type { Route } from '../oidc/route-table.js';
import { handleErrors, type Logger } from './handle-errors.js';
import { logRequests } from './log-requests.js';
import { oidcCors } from './oidc-cors.js';
import { serveConsole } from './serve-console.js';

export interface AppOptions {
  routes: readonly Route[];
  deps: ProviderDeps;
  consoleDir: string;
  log: Logger;
  quiet: boolean;
}

/** The prefixes ZITADEL routes to its OIDC server (reference §0). */
const OIDC_PREFIXES = ['/.well-known/openid-configuration', '/oauth/v2/', '/oidc/v1/'];

export function createApp({ routes, deps, consoleDir, log, quiet }: AppOptions): Koa {
  const app = new Koa();
  app.proxy = false;
  // Koa's default handler prints stacks to stderr; errors are already answered and logged.
  app.silent = true;

  const router = new Router();
  for (const route of routes) {
    router.register(route.path, [...route.methods], (ctx) => route.handle(ctx, deps));
  }
  const knownPaths = new Set(routes.map((r) => r.path));

  if (!quiet) app.use(logRequests(log));
  app.use(handleErrors(log));
  app.use(async (ctx, next) => {
    if (OIDC_PREFIXES.some((p) => ctx.path.startsWith(p))) return oidcCors(ctx, next);
    return next();
  });
  app.use(router.routes());
  app.use(serveConsole(consoleDir));
  app.use((ctx) => {
    if (knownPaths.has(ctx.path)) {
      throw new OAuthError('method_not_allowed', `${ctx.method} is not allowed on ${ctx.path}`, { status: 405 });
    }
    throw new OAuthError('not_found', `no endpoint at ${ctx.path}`, { status: 404 });
  });
  return app;
}
