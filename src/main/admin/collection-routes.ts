// Generic CRUD for the store collections of the contract (COLLECTIONS): list, read, create,
// replace and delete (with cascade). Every write goes through writeStore, so the store file's
// own schema and reference checks validate it.
import type Router from '@koa/router';
import { COLLECTIONS, type Collection, type WriteResultDto } from '../../common/admin-api.js';
import { validateStore } from '../store/parse-store.js';
import type { StoreData } from '../store/schema.js';
import { StoreError } from '../store/store-error.js';
import type { AdminContext } from './admin-context.js';
import { notFound } from './admin-errors.js';
import { deleteWithCascade } from './cascade-delete.js';
import { prepareNewEntity, prepareReplacement } from './prepare-entity.js';
import { readJsonObject } from './read-json-body.js';
import { redactEntity } from './redact-secrets.js';
import { writeStore } from './write-store.js';

type Entity = Record<string, unknown> & { id: string };

function entitiesOf(data: StoreData, collection: Collection): Entity[] {
  return data[collection] as unknown as Entity[];
}

function findIndex(data: StoreData, collection: Collection, id: string): number {
  const index = entitiesOf(data, collection).findIndex((e) => e.id === id);
  if (index === -1) throw notFound(`no ${collection} entry has id "${id}"`);
  return index;
}

/** Validates `data` with `entity` moved to the end of its collection; the problems, if any. */
function explainAsLast(data: StoreData, collection: Collection, index: number, entity: Entity) {
  const draft = structuredClone(data);
  const list = entitiesOf(draft, collection);
  list.splice(index, 1);
  list.push(entity);
  try {
    validateStore(draft);
    return undefined;
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    // Positions in `draft` are shifted: map them back in paths and messages alike.
    const last = list.length - 1;
    const toReal = (k: number): number => (k === last ? index : k < index ? k : k + 1);
    const pattern = new RegExp(`\\b${collection}\\[(\\d+)\\]`, 'g');
    const remap = (text: string): string => text.replace(pattern, (_m, k: string) => `${collection}[${toReal(Number(k))}]`);
    const problems = err.problems.map((p) => ({ where: remap(p.where), message: remap(p.message) }));
    const real = `${collection}[${index}]`;
    return { problems, entityPath: real };
  }
}

function result(collection: Collection, revision: number, entity: unknown): WriteResultDto<unknown> {
  return { revision, entity: redactEntity(collection, entity) };
}

export function registerCollectionRoutes(router: Router, admin: AdminContext): void {
  const { store, newId, clock } = admin.deps;

  for (const collection of COLLECTIONS) {
    router.get(`/${collection}`, (ctx) => {
      ctx.body = entitiesOf(store.data, collection).map((e) => redactEntity(collection, e));
    });

    router.get(`/${collection}/:id`, (ctx) => {
      const index = findIndex(store.data, collection, ctx.params.id ?? '');
      ctx.body = redactEntity(collection, entitiesOf(store.data, collection)[index]);
    });

    router.post(`/${collection}`, async (ctx) => {
      const body = await readJsonObject(ctx);
      const entity = prepareNewEntity(collection, body, { newId, now: clock.now() }) as Entity;
      const next = writeStore(ctx, store, {
        entityPath: `${collection}[${entitiesOf(store.data, collection).length}]`,
        change: (draft) => void entitiesOf(draft, collection).push(entity),
      });
      ctx.status = 201;
      ctx.body = result(collection, store.revision, entitiesOf(next, collection).at(-1));
    });

    router.put(`/${collection}/:id`, async (ctx) => {
      const id = ctx.params.id ?? '';
      const body = await readJsonObject(ctx);
      const index = findIndex(store.data, collection, id);
      const stored = entitiesOf(store.data, collection)[index] as Entity;
      const entity = prepareReplacement(collection, id, body, stored, { newId, now: clock.now() }) as Entity;
      const before = store.data;
      const next = writeStore(ctx, store, {
        entityPath: `${collection}[${index}]`,
        change: (draft) => void entitiesOf(draft, collection).splice(index, 1, entity),
        explain: () => explainAsLast(before, collection, index, entity),
      });
      ctx.body = result(collection, store.revision, entitiesOf(next, collection)[index]);
    });

    router.delete(`/${collection}/:id`, (ctx) => {
      const id = ctx.params.id ?? '';
      const index = findIndex(store.data, collection, id);
      const removed = entitiesOf(store.data, collection)[index];
      writeStore(ctx, store, {
        entityPath: `${collection}[${index}]`,
        change: (draft) => deleteWithCascade(draft, collection, id),
      });
      ctx.body = result(collection, store.revision, removed);
    });
  }
}
