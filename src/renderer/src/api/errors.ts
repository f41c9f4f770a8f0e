// Errors of the admin API as the console handles them: field problems go under their input,
// a conflict becomes the "store changed" banner, the rest is one message.
import type { ConflictDto, FieldProblem, InvalidStoreDto } from '../../../common/admin-api';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** 400 invalid_store: `fields` maps an entity path (`oidc.redirectUris[0]`) to its messages. */
export class FieldErrors extends ApiError {
  readonly problems: FieldProblem[];
  readonly fields: Record<string, string[]>;
  constructor(dto: InvalidStoreDto) {
    super(400, dto.error, dto.message);
    this.problems = dto.problems;
    this.fields = {};
    for (const p of dto.problems) (this.fields[p.field] ??= []).push(p.message);
  }
}

/** 409: the store changed since this console last read it. */
export class ConflictError extends ApiError {
  readonly revision: number;
  constructor(dto: ConflictDto) {
    super(409, dto.error, dto.message);
    this.revision = dto.revision;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function toApiError(status: number, body: unknown, fallback: string): ApiError {
  if (isObject(body) && body.error === 'invalid_store' && Array.isArray(body.problems)) {
    return new FieldErrors(body as unknown as InvalidStoreDto);
  }
  if (status === 409 && isObject(body) && typeof body.revision === 'number') {
    return new ConflictError(body as unknown as ConflictDto);
  }
  if (isObject(body) && typeof body.error === 'string') {
    const message = typeof body.message === 'string' ? body.message : typeof body.error_description === 'string' ? body.error_description : body.error;
    return new ApiError(status, body.error, message);
  }
  return new ApiError(status, 'http_error', fallback);
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
