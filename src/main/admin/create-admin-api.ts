// The admin API the console uses (issue 6 item 1, DESIGN §3 and §7): one Koa middleware that
// answers everything under ADMIN_API_BASE — guarded, JSON only, no CORS — and passes every
// other path on.
import Router from '@koa/router';
import type { Context, Middleware, Next } from 'koa';
import { ADMIN_API_BASE, type HttpsInfoDto } from '../../common/admin-api.js';
import type { ActivityLog } from '../activity/activity-log.js';
import type { Logger } from '../http/handle-errors.js';
import type { TestBridge } from '../bridge/test-bridge.js';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import { trackRevisions } from '../store/store.js';
import { registerActionRoutes } from './action-routes.js';
import { registerActivityRoutes } from './activity-routes.js';
import { registerBridgeRoutes } from './bridge-routes.js';
import type { AdminContext } from './admin-context.js';
import { methodNotAllowed, notFound, toAdminErrorResponse } from './admin-errors.js';
import { createAdminGuard } from './admin-guard.js';
import { registerCollectionRoutes } from './collection-routes.js';
import { registerCredentialRoutes } from './credential-routes.js';
import { registerInspectRoutes } from './inspect-routes.js';
import { registerSigningKeyRoutes } from './signing-key-routes.js';
import { StoreChangeFeed } from './store-change-feed.js';
import { registerStoreRoutes } from './store-routes.js';

export interface AdminApiOptions {
  deps: ProviderDeps;
  activity: ActivityLog;
  adminToken: string;
  /** Absent for in-memory stores. */
  storePath?: string;
  version: string;
  /** Store changes for the event stream; the store file watcher reports refused hand edits to it. */
  changes?: StoreChangeFeed;
  log?: Logger;
  /** Every issuer served (main one first), for the overview. */
  issuers?: () => string[];
  /** The local CA and certificate when serving HTTPS, for the overview. */
  https?: () => HttpsInfoDto;
  /** The test bridge's routes (tokens, clock, faults, snapshots…) are served when given. */
  bridge?: TestBridge;
}

export function isAdminPath(path: string): boolean {
  return path === ADMIN_API_BASE || path.startsWith(`${ADMIN_API_BASE}/`);
}

export function createAdminApi(options: AdminApiOptions): Middleware {
  const log = options.log ?? ((line: string) => console.error(line));
  const admin: AdminContext = {
    deps: options.deps,
    activity: options.activity,
    changes: options.changes ?? new StoreChangeFeed(options.deps.store),
    ...(options.storePath !== undefined && { storePath: options.storePath }),
    version: options.version,
    log,
    ...(options.issuers && { issuers: options.issuers }),
    ...(options.https && { https: options.https }),
    ...(options.bridge && { bridge: options.bridge }),
  };

  // Built on the first admin request: compiling its routes' patterns is most of what starting
  // an emulator costs, and many test suites never call the admin API (DESIGN §6).
  const router = new Router({ prefix: ADMIN_API_BASE });
  let routes: ReturnType<typeof router.routes> | undefined;
  const buildRoutes = (): ReturnType<typeof router.routes> => {
    // Specific routes first: /signing-keys/:kid must not be read as a collection entry.
    registerStoreRoutes(router, admin);
    if (options.bridge) registerBridgeRoutes(router, options.bridge);
    registerSigningKeyRoutes(router, admin);
    registerCredentialRoutes(router, admin);
    registerActionRoutes(router, admin);
    registerCollectionRoutes(router, admin);
    registerActivityRoutes(router, admin);
    registerInspectRoutes(router, admin);
    return router.routes();
  };
  const guard = createAdminGuard({ issuer: options.deps.issuer, adminToken: options.adminToken });

  const unmatched = (ctx: Context): never => {
    const matched = router.match(ctx.path, ctx.method);
    if (matched.path.length > 0) throw methodNotAllowed(`${ctx.method} is not allowed on ${ctx.path}`);
    throw notFound(`no admin endpoint at ${ctx.path}`);
  };

  return async function adminApi(ctx: Context, next: Next): Promise<void> {
    if (!isAdminPath(ctx.path)) return next();
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Content-Type-Options', 'nosniff');
    try {
      // Koa mounts the router the same way (app.use(router.routes())): the context gains params there.
      routes ??= buildRoutes();
      const handle = routes;
      const { revisions } = await trackRevisions(() => guard(ctx, () => handle(ctx as Parameters<typeof handle>[0], async () => unmatched(ctx))));
      // A 2xx means the change is on disk (issue 12 item 1): wait for the save that holds it.
      await Promise.all(revisions.map((revision) => options.deps.store.saved(revision)));
    } catch (err) {
      const { status, body, internal } = toAdminErrorResponse(err);
      if (internal) log(`admin API error on ${ctx.method} ${ctx.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      ctx.remove('Content-Disposition');
      ctx.status = status;
      ctx.body = body;
    }
  };
}
