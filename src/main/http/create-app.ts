// The one Koa application: OIDC routes from the route table, the console, and JSON errors
// for everything else.
import Router from '@koa/router';
import Koa, { type Middleware } from 'koa';
import type { ActivityLog } from '../activity/activity-log.js';
import { recordActivity } from '../activity/request-activity.js';
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
  activity: ActivityLog;
  /** Mounted before the OIDC routes: the admin API for the console. */
  admin?: Middleware;
}

/** The prefixes ZITADEL routes to its OIDC server (reference §0). */
const OIDC_PREFIXES = ['/.well-known/openid-configuration', '/oauth/v2/', '/oidc/v1/'];

export function createApp({ routes, deps, consoleDir, log, quiet, activity, admin }: AppOptions): Koa {
  const app = new Koa();
  app.proxy = false;
  // Koa's default handler prints stacks to stderr; errors are already answered and logged.
  app.silent = true;

  const router = new Router();
  for (const route of routes) {
    router.register(route.path, [...route.methods], (ctx) => route.handle(ctx, deps));
  }
  const methodsByPath = new Map<string, Set<string>>();
  for (const route of routes) {
    const methods = methodsByPath.get(route.path) ?? new Set<string>();
    for (const method of route.methods) methods.add(method);
    methodsByPath.set(route.path, methods);
  }

  if (!quiet) app.use(logRequests(log));
  app.use(recordActivity(activity));
  app.use(handleErrors(log));
  if (admin) app.use(admin);
  app.use(async (ctx, next) => {
    if (OIDC_PREFIXES.some((p) => ctx.path.startsWith(p))) return oidcCors(ctx, next);
    return next();
  });
  app.use(router.routes());
  app.use(serveConsole(consoleDir));
  app.use((ctx) => {
    const allowed = methodsByPath.get(ctx.path);
    if (allowed) {
      // RFC 9110 §15.5.6: a 405 names the methods that are allowed.
      ctx.set('Allow', [...allowed, ...(allowed.has('GET') ? ['HEAD'] : [])].join(', '));
      throw new OAuthError('method_not_allowed', `${ctx.method} is not allowed on ${ctx.path}`, { status: 405 });
    }
    throw new OAuthError('not_found', `no endpoint at ${ctx.path}`, { status: 404 });
  });
  return app;
}
