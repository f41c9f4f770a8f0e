// The instance's token signing keys (reference §8): rotate (a new active key; the old ones stay
// published), activate another key, delete a key that no longer signs.
import type Router from '@koa/router';
import type { SigningKeyDto, WriteResultDto } from '../../common/admin-api.js';
import type { SigningKeyEntry } from '../store/schema.js';
import type { AdminContext } from './admin-context.js';
import { badRequest, notFound } from './admin-errors.js';
import { readJsonObject } from './read-json-body.js';
import { toSigningKeyDto } from './redact-secrets.js';
import { checkRevision, writeStore } from './write-store.js';

export function registerSigningKeyRoutes(router: Router, admin: AdminContext): void {
  const { store, keys } = admin.deps;
  const find = (kid: string): SigningKeyEntry => {
    const key = store.data.signingKeys.find((k) => k.id === kid);
    if (!key) throw notFound(`no signing key has id "${kid}"`);
    return key;
  };
  const answer = (key: SigningKeyEntry): WriteResultDto<SigningKeyDto> => ({ revision: store.revision, entity: toSigningKeyDto(key) });

  router.get('/signing-keys', (ctx) => {
    ctx.body = store.data.signingKeys.map(toSigningKeyDto);
  });

  router.post('/signing-keys/rotate', async (ctx) => {
    checkRevision(ctx, store);
    // Test bridge: {"retirePrevious": true} takes the earlier keys out of the JWKS at once.
    const { retirePrevious = false } = await readJsonObject(ctx, { optional: true });
    if (typeof retirePrevious !== 'boolean') throw badRequest('retirePrevious must be true or false');
    const kid = await keys.rotate('admin');
    if (retirePrevious) keys.retireAllBut(kid, 'admin');
    ctx.status = 201;
    ctx.body = answer(find(kid));
  });

  router.post('/signing-keys/:kid/activate', (ctx) => {
    const key = find(String(ctx.params.kid));
    checkRevision(ctx, store);
    keys.activate(key.id, 'admin');
    ctx.body = answer(find(key.id));
  });

  router.delete('/signing-keys/:kid', (ctx) => {
    const key = find(String(ctx.params.kid));
    if (key.active) throw badRequest(`signing key "${key.id}" is the active key; activate another key before deleting it`);
    const index = store.data.signingKeys.indexOf(key);
    writeStore(ctx, store, {
      entityPath: `signingKeys[${index}]`,
      change: (draft) => {
        draft.signingKeys = draft.signingKeys.filter((k) => k.id !== key.id);
      },
    });
    ctx.body = answer(key);
  });
}
