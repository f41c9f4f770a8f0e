// Every admin write goes through here: the If-Match revision check (409 when stale), then
// store.update, whose schema validation refuses bad data; refusals become InvalidStoreDto with
// each problem's path made relative to the entity written.
import type { Context } from 'koa';
import type { FieldProblem } from '../../common/admin-api.js';
import type { StoreData } from '../store/schema.js';
import { StoreError, type StoreProblem } from '../store/store-error.js';
import type { Store } from '../store/store.js';
import { AdminError, badRequest, conflict, describeProblems } from './admin-errors.js';

/** The revision of an `If-Match` header (`5`, `"5"` or `W/"5"`), or undefined when absent. */
export function readIfMatch(ctx: Context): number | undefined {
  const header = ctx.get('If-Match').trim();
  if (header === '' || header === '*') return undefined;
  const revision = Number(header.replace(/^W\//, '').replace(/^"(.*)"$/, '$1'));
  if (!Number.isInteger(revision) || revision < 0) throw badRequest(`If-Match must be a store revision, not "${header}"`);
  return revision;
}

export function checkRevision(ctx: Context, store: Store): void {
  const expected = readIfMatch(ctx);
  if (expected !== undefined && expected !== store.revision) throw conflict(expected, store.revision);
}

/** `apps[3].oidc.redirectUris[0]` relative to `apps[3]` is `oidc.redirectUris[0]`; elsewhere ''. */
export function relativeField(where: string, entityPath: string): string {
  if (!where.startsWith(entityPath)) return '';
  const rest = where.slice(entityPath.length);
  if (rest === '') return '';
  if (rest.startsWith('.')) return rest.slice(1);
  if (rest.startsWith('[')) return rest;
  return '';
}

export function toFieldProblems(problems: readonly StoreProblem[], entityPath: string): FieldProblem[] {
  return problems.map((p) => ({ field: relativeField(p.where, entityPath), where: p.where, message: p.message }));
}

export function invalidStore(problems: readonly StoreProblem[], entityPath: string): AdminError {
  const fieldProblems = toFieldProblems(problems, entityPath);
  return new AdminError(400, { error: 'invalid_store', message: describeProblems(fieldProblems), problems: fieldProblems });
}

export interface StoreWrite {
  /** Store path of the entity written, e.g. `apps[3]` or `instance`, for relative field paths. */
  entityPath: string;
  change: (draft: StoreData) => void;
  /**
   * Problems to report instead of the store's own when the write is refused: a replaced entity
   * is validated again as the last of its collection, so a duplicate name is reported on it
   * rather than on the older entity it collides with.
   */
  explain?: () => { problems: readonly StoreProblem[]; entityPath: string } | undefined;
}

/** Applies the write (after the If-Match check) and returns the new data; 400/409 on refusal. */
export function writeStore(ctx: Context, store: Store, write: StoreWrite): StoreData {
  checkRevision(ctx, store);
  try {
    return store.update(write.change, 'admin');
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    const better = write.explain?.();
    if (better && better.problems.length > 0) throw invalidStore(better.problems, better.entityPath);
    throw invalidStore(err.problems, write.entityPath);
  }
}
