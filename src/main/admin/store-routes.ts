// GET overview, GET store (the whole store, private keys left out) and the instance settings
// (GET / PUT instance).
import type Router from '@koa/router';
import type { OverviewDto, StoreDto, WriteResultDto } from '../../common/admin-api.js';
import type { Instance } from '../store/schema.js';
import type { AdminContext } from './admin-context.js';
import { readJsonObject } from './read-json-body.js';
import { redactStore } from './redact-secrets.js';
import { writeStore } from './write-store.js';

function countActiveTokens(admin: AdminContext): number {
  const now = Math.floor(admin.deps.clock.now() / 1000);
  let count = 0;
  for (const session of admin.deps.state.oidcSessions.values()) if (session.accessTokenExpiresAt > now) count += 1;
  return count;
}

export function registerStoreRoutes(router: Router, admin: AdminContext): void {
  const { store } = admin.deps;

  router.get('/overview', (ctx) => {
    const body: OverviewDto = {
      issuer: admin.deps.issuer,
      version: admin.version,
      ...(admin.storePath !== undefined && { storePath: admin.storePath }),
      revision: store.revision,
      counts: { loginSessions: admin.deps.state.loginSessions.size, activeTokens: countActiveTokens(admin) },
      ...(admin.issuers && admin.issuers().length > 1 && { issuers: admin.issuers() }),
      ...(admin.https && { https: admin.https() }),
      ...(store.saveError && { saveError: store.saveError.message }),
    };
    ctx.body = body;
  });

  router.get('/store', (ctx) => {
    const body: StoreDto = { revision: store.revision, data: redactStore(store.data) };
    ctx.body = body;
  });

  router.get('/instance', (ctx) => {
    ctx.body = store.data.instance;
  });

  router.put('/instance', async (ctx) => {
    const body = await readJsonObject(ctx);
    const instance = { id: store.data.instance.id, ...body };
    const next = writeStore(ctx, store, {
      entityPath: 'instance',
      change: (draft) => {
        draft.instance = instance as Instance;
      },
    });
    const answer: WriteResultDto<Instance> = { revision: store.revision, entity: next.instance };
    ctx.body = answer;
  });
}
