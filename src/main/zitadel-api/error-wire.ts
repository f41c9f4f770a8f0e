// Exactly one place turns errors into each protocol's error shape (reference §3): a ConnectError
// (connect-node writes it as Connect JSON, gRPC status + grpc-status-details-bin, or gRPC-web
// trailers) and grpc-gateway's REST body `{code, message, details}`.
import { create, toJson } from '@bufbuild/protobuf';
import { Code, ConnectError } from '@connectrpc/connect';
import { CredentialsCheckErrorSchema, ErrorDetailSchema } from '@zitadel/proto/zitadel/message_pb.js';
import { ZitadelApiError, httpStatusOf } from './api-error.js';

/** Anything unexpected is an internal error without internals (the cause is logged, not sent). */
export function asApiError(err: unknown): ZitadelApiError {
  if (err instanceof ZitadelApiError) return err;
  if (err instanceof ConnectError) return new ZitadelApiError(err.code, err.rawMessage);
  return new ZitadelApiError(Code.Internal, 'Internal', { detail: err instanceof Error ? err.message : String(err) });
}

function detailOf(err: ZitadelApiError) {
  if (err.id === undefined) return undefined;
  if (err.failedAttempts !== undefined) {
    return { desc: CredentialsCheckErrorSchema, value: create(CredentialsCheckErrorSchema, { id: err.id, message: err.key, failedAttempts: err.failedAttempts }) };
  }
  return { desc: ErrorDetailSchema, value: create(ErrorDetailSchema, { id: err.id, message: err.key }) };
}

export function toConnectError(err: ZitadelApiError): ConnectError {
  const detail = detailOf(err);
  return new ConnectError(err.message, err.code, undefined, detail ? [detail] : undefined);
}

export interface RestError {
  status: number;
  body: { code: number; message: string; details: Record<string, unknown>[] };
}

/** grpc-gateway's `runtime.DefaultHTTPErrorHandler` body, details as `google.protobuf.Any` JSON. */
export function toRestError(err: ZitadelApiError): RestError {
  const detail = detailOf(err);
  const details = detail
    ? [{ '@type': `type.googleapis.com/${detail.desc.typeName}`, ...(toJson(detail.desc, detail.value) as Record<string, unknown>) }]
    : [];
  return { status: httpStatusOf(err.code), body: { code: err.code, message: err.message, details } };
}
