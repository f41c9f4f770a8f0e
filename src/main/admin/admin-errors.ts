// The admin API's errors (contract: AdminErrorDto, InvalidStoreDto, ConflictDto) and the one
// function that turns anything thrown by an admin route into a status and a JSON body.
import type { AdminErrorDto, ConflictDto, InvalidStoreDto } from '../../common/admin-api.js';
import { CredentialError } from '../credentials/key-files.js';
import { StoreError } from '../store/store-error.js';
import { StoreConflictError, StoreSaveError } from '../store/store.js';

export type AdminErrorBody = AdminErrorDto | InvalidStoreDto | ConflictDto;

export class AdminError extends Error {
  override name = 'AdminError';
  readonly status: number;
  readonly body: AdminErrorBody;

  constructor(status: number, body: AdminErrorBody) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}

const make = (status: number, error: AdminErrorDto['error']) => (message: string) => new AdminError(status, { error, message });

export const badRequest = make(400, 'bad_request');
export const unauthorized = make(401, 'unauthorized');
export const forbidden = make(403, 'forbidden');
export const notFound = make(404, 'not_found');
export const methodNotAllowed = make(405, 'method_not_allowed');
export const payloadTooLarge = make(413, 'payload_too_large');
export const unsupportedMediaType = make(415, 'unsupported_media_type');

export function conflict(expected: number, revision: number): AdminError {
  return new AdminError(409, {
    error: 'conflict',
    message: `the store changed since revision ${expected}; it is now at revision ${revision}`,
    revision,
  });
}

/** Status and body for anything an admin route threw; never a stack trace. */
export function toAdminErrorResponse(err: unknown): { status: number; body: AdminErrorBody; internal: boolean } {
  if (err instanceof AdminError) return { status: err.status, body: err.body, internal: false };
  if (err instanceof StoreConflictError) {
    return { status: 409, body: { error: 'conflict', message: err.message, revision: err.revision }, internal: false };
  }
  if (err instanceof StoreSaveError) {
    const message = `${err.message}. The change is in memory only and NOT saved: it is lost when the emulator stops unless a later save succeeds.`;
    return { status: 500, body: { error: 'not_saved', message }, internal: false };
  }
  if (err instanceof CredentialError) return { status: 400, body: { error: 'bad_request', message: err.message }, internal: false };
  if (err instanceof StoreError) {
    // A write that did not go through writeEntity (no entity to relate paths to).
    const problems = err.problems.map((p) => ({ field: '', where: p.where, message: p.message }));
    return { status: 400, body: { error: 'invalid_store', message: describeProblems(problems), problems }, internal: false };
  }
  return { status: 500, body: { error: 'server_error', message: 'the admin API failed; see the emulator log' }, internal: true };
}

export function describeProblems(problems: readonly { where: string; message: string }[]): string {
  const [first] = problems;
  if (!first) return 'the store refused this write';
  const head = `${first.where}: ${first.message}`;
  return problems.length === 1 ? head : `${head} (and ${problems.length - 1} more)`;
}
