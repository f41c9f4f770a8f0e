// The one Koa application: OIDC routes from the route table, the console, and JSON errors
// for everything else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Router from '@koa/router';
import Koa, { type Context, type Middleware } from 'koa';
import type { ActivityLog } from '../activity/activity-log.js';
import { activityDraftOf, recordActivity, recordFixedResponse } from '../activity/request-activity.js';
import { OAuthError } from '../oidc/errors.js';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import type { FixedResponse, Route } from '../oidc/route-table.js';
import { handleErrors, type Logger } from './handle-errors.js';
import { logRequests } from './log-requests.js';
import { oidcCors } from './oidc-cors.js';
import { requireHost } from './require-host.js';
import { serveConsole } from './serve-console.js';

export interface AppOptions {
  routes: readonly Route[];
  deps: ProviderDeps;
  consoleDir: string;
  log: Logger;
  quiet: boolean;
  /** Print the relying-party doctor's findings in the log (even when quiet). */
  doctor?: boolean;
  activity: ActivityLog;
  /** Mounted before the OIDC routes: the admin API for the console. */
  admin?: Middleware;
  /** The test bridge's armed faults: run just before the routes, and keep fixed documents on the stack while armed. */
  faults?: RequestFaults;
}

export interface RequestFaults {
  middleware: Middleware;
  isArmedFor(path: string): boolean;
}

/** The prefixes ZITADEL routes to its OIDC server (reference §0). */
const OIDC_PREFIXES = ['/.well-known/openid-configuration', '/oauth/v2/', '/oidc/v1/'];

type FixedResponder = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Discovery and JWKS are fixed documents every client fetches on start. DESIGN §6 wants them
 * within 10% of a bare Koa server, so a plain GET or HEAD of them is answered from Node's request
 * listener, before Koa builds a context, and recorded for the Activity page all the same. Anything
 * else — a query string, an Origin (CORS), per-request logging, another method — takes the
 * middleware stack, which answers these paths identically.
 */
class OidcApp extends Koa {
  #fixed: FixedResponder | undefined;

  setFixedResponder(responder: FixedResponder): void {
    this.#fixed = responder;
  }

  override callback(): ReturnType<Koa['callback']> {
    const handle = super.callback();
    const fixed = this.#fixed;
    if (!fixed) return handle;
    // The emulator serves HTTP/1.1 only (http.createServer in listen.ts).
    return (req, res) => (fixed(req as IncomingMessage, res as ServerResponse) ? Promise.resolve() : handle(req, res));
  }
}

function fixedResponder(routes: readonly Route[], deps: ProviderDeps, activity: ActivityLog, faults?: RequestFaults): FixedResponder {
  const fixedRoutes = new Map(routes.flatMap((r) => (r.fixedResponse ? [[r.path, r] as const] : [])));
  return (req, res) => {
    const route = req.url === undefined ? undefined : fixedRoutes.get(req.url);
    if (!route?.fixedResponse || (req.method !== 'GET' && req.method !== 'HEAD') || req.headers.origin !== undefined || !req.headers.host) return false;
    if (faults?.isArmedFor(route.path)) return false;
    const started = performance.now();
    let response: FixedResponse;
    try {
      response = route.fixedResponse(deps);
    } catch {
      return false; // e.g. no signing key: the middleware stack answers with the usual JSON error
    }
    res.writeHead(200, { ...response.headers, 'Content-Length': Buffer.byteLength(response.body) });
    res.end(req.method === 'HEAD' ? undefined : response.body);
    recordFixedResponse(activity, req.method, route.path, response.body, started);
    return true;
  };
}

export function createApp({ routes, deps, consoleDir, log, quiet, doctor = false, activity, admin, faults }: AppOptions): Koa {
  const app = new OidcApp();
  if (quiet) app.setFixedResponder(fixedResponder(routes, deps, activity, faults));
  app.proxy = false;
  // Koa's default handler prints stacks to stderr; errors are already answered and logged.
  app.silent = true;

  // Handlers get the deps with the request's Activity draft, when the request is recorded.
  const depsFor = (ctx: Context): ProviderDeps => {
    const activity = activityDraftOf(ctx);
    return activity ? Object.assign(Object.create(deps) as ProviderDeps, { activity }) : deps;
  };
  // Only requests that miss the exact table below reach the router, so it is built on the first
  // one: compiling its patterns would otherwise be a good part of an emulator's start (DESIGN §6).
  const buildRouter = () => {
    const router = new Router();
    for (const route of routes) {
      router.register(route.path, [...route.methods], (ctx) => route.handle(ctx, depsFor(ctx)));
    }
    return router.routes();
  };
  let routerMiddleware: ReturnType<typeof buildRouter> | undefined;
  const methodsByPath = new Map<string, Set<string>>();
  // Every route path is static, so an exact path and method find the handler the router would
  // pick (its first match) without running its regular expressions; anything else (other case,
  // a trailing slash) still goes through the router.
  const exact = new Map<string, Map<string, Route>>();
  for (const route of routes) {
    const methods = methodsByPath.get(route.path) ?? new Set<string>();
    const byMethod = exact.get(route.path) ?? new Map<string, Route>();
    for (const method of route.methods) {
      methods.add(method);
      if (!byMethod.has(method)) byMethod.set(method, route);
    }
    methodsByPath.set(route.path, methods);
    exact.set(route.path, byMethod);
  }

  if (!quiet || doctor) app.use(logRequests(log, { doctor, onlyWithFindings: quiet }));
  app.use(recordActivity(activity, deps.mainIssuer === undefined ? undefined : deps.issuer));
  app.use(handleErrors(log));
  app.use(requireHost);
  if (admin) app.use(admin);
  app.use(async (ctx, next) => {
    if (OIDC_PREFIXES.some((p) => ctx.path.startsWith(p))) return oidcCors(ctx, next);
    return next();
  });
  if (faults) app.use(faults.middleware);
  app.use((ctx, next) => {
    const route = exact.get(ctx.path)?.get(ctx.method === 'HEAD' ? 'GET' : ctx.method);
    if (route) return route.handle(ctx, depsFor(ctx));
    routerMiddleware ??= buildRouter();
    // Koa mounts the router the same way (app.use(router.routes())): the context gains params there.
    return routerMiddleware(ctx as Parameters<typeof routerMiddleware>[0], next);
  });
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
