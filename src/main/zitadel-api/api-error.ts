// The one error type of the ZITADEL API slice (reference §3): a gRPC code, ZITADEL's translated
// text, its error id and i18n key. error-wire.ts turns it into each protocol's shape.
import { Code } from '@connectrpc/connect';

export interface ApiErrorInit {
  /** ZITADEL's error id, e.g. `QUERY-Dfbg2`; appended to the message as ` (<id>)`. */
  id?: string;
  /** The i18n key sent in the `zitadel.v1.ErrorDetail`; defaults to the text (untranslated errors). */
  key?: string;
  /** Wrong-password errors carry a `zitadel.v1.CredentialsCheckError` instead. */
  failedAttempts?: number;
  /** Shown in the console's Activity, never sent. */
  detail?: string;
}

export class ZitadelApiError extends Error {
  override name = 'ZitadelApiError';
  readonly code: Code;
  readonly text: string;
  readonly id: string | undefined;
  readonly key: string;
  readonly failedAttempts: number | undefined;
  readonly detail: string | undefined;

  constructor(code: Code, text: string, init: ApiErrorInit = {}) {
    super(init.id === undefined ? text : `${text} (${init.id})`);
    this.code = code;
    this.text = text;
    this.id = init.id;
    this.key = init.key ?? text;
    this.failedAttempts = init.failedAttempts;
    this.detail = init.detail;
  }
}

/** grpc-gateway and connect-go map codes to the same HTTP statuses (reference §3). */
const HTTP_STATUS: Record<Code, number> = {
  [Code.Canceled]: 499,
  [Code.Unknown]: 500,
  [Code.InvalidArgument]: 400,
  [Code.DeadlineExceeded]: 504,
  [Code.NotFound]: 404,
  [Code.AlreadyExists]: 409,
  [Code.PermissionDenied]: 403,
  [Code.ResourceExhausted]: 429,
  [Code.FailedPrecondition]: 400,
  [Code.Aborted]: 409,
  [Code.OutOfRange]: 400,
  [Code.Unimplemented]: 501,
  [Code.Internal]: 500,
  [Code.Unavailable]: 503,
  [Code.DataLoss]: 500,
  [Code.Unauthenticated]: 401,
};

export function httpStatusOf(code: Code): number {
  return HTTP_STATUS[code];
}

type Init = ApiErrorInit;
export const invalidArgument = (text: string, init?: Init) => new ZitadelApiError(Code.InvalidArgument, text, init);
export const notFound = (text: string, init?: Init) => new ZitadelApiError(Code.NotFound, text, init);
export const alreadyExists = (text: string, init?: Init) => new ZitadelApiError(Code.AlreadyExists, text, init);
export const permissionDenied = (text: string, init?: Init) => new ZitadelApiError(Code.PermissionDenied, text, init);
export const unauthenticated = (text: string, init?: Init) => new ZitadelApiError(Code.Unauthenticated, text, init);
export const failedPrecondition = (text: string, init?: Init) => new ZitadelApiError(Code.FailedPrecondition, text, init);
export const unimplemented = (text: string) => new ZitadelApiError(Code.Unimplemented, text);

/** `User could not be found (<id>)`: the id tells which layer noticed (reference §5). */
export const userNotFound = (id: string, code: Code = Code.NotFound) =>
  new ZitadelApiError(code, 'User could not be found', { id, key: 'Errors.User.NotFound' });
