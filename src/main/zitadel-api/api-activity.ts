// ZITADEL API calls in the console's Activity (issue 18 §6): method, caller, status, request and
// response bodies and the permission checks that decided. Passwords never leave the process.
import { Code } from '@connectrpc/connect';
import type { ActivityEventDto } from '../../common/admin-api.js';
import type { ActivityLog } from '../activity/activity-log.js';
import { httpStatusOf } from './api-error.js';
import type { Caller } from './authenticate.js';
import type { PermissionDecision } from './authorize.js';
import { toRestError } from './error-wire.js';
import type { Invocation, RpcOutcome } from './rpc.js';

const SECRET_FIELDS = new Set(['password', 'currentPassword', 'verificationCode', 'hash', 'totpSecret']);

function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.has(k) && typeof v === 'string' ? '•••' : maskSecrets(v)]),
  );
}

/** `NotFound` → `not_found`, as Connect spells codes. */
export function codeName(code: Code): string {
  return Code[code].replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

export interface ApiCallRecord {
  inv: Invocation;
  request: unknown;
  outcome: RpcOutcome;
  caller: Caller | undefined;
  decisions: PermissionDecision[];
  started: number;
}

export function recordApiCall(log: ActivityLog, { inv, request, outcome, caller, decisions, started }: ApiCallRecord): void {
  const event: Omit<ActivityEventDto, 'id'> = {
    time: Date.now(),
    kind: 'zitadel_api',
    method: inv.httpMethod,
    path: inv.path,
    // gRPC answers HTTP 200 and carries the code in grpc-status; the code's HTTP status is shown.
    status: outcome.ok ? 200 : httpStatusOf(outcome.error.code),
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    outcome: outcome.ok ? 'ok' : 'error',
    params: { protocol: inv.protocol },
    tokens: [],
    response: { body: outcome.ok ? outcome.response : toRestError(outcome.error).body },
    api: {
      protocol: inv.protocol,
      service: inv.service,
      rpc: inv.rpc,
      code: outcome.ok ? 'ok' : codeName(outcome.error.code),
      permissions: decisions.map((d) => ({ ...d })),
      request: maskSecrets(request),
      ...(caller && { caller: { userId: caller.user.id, userName: caller.user.userName, viaPersonalAccessToken: caller.isPersonalAccessToken } }),
    },
  };
  if (caller) event.userId = caller.user.id;
  if (!outcome.ok) {
    event.error = { error: codeName(outcome.error.code), error_description: outcome.error.message, ...(outcome.error.detail !== undefined && { detail: outcome.error.detail }) };
  }
  log.add(event);
}
